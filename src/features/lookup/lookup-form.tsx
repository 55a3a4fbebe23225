import { useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { RegionInfo } from '../../../common/contract';
import { paths } from '../../app/paths';
import { Button } from '../../components/ui/button';
import { cn } from '../../lib/cn';
import { regionGroups } from '../../lib/regions-query';
import { fieldClass, IdInput, inputClass, type Field } from './id-input';
import { extractIds, readPaste, type PasteReading } from '../../job/paste';
import { PasteSource } from './paste-source';
import { jobIdProblem, normaliseProjectId, projectIdProblem } from './validation';

const count = (reading: PasteReading[keyof PasteReading]) => (reading.kind === 'choice' ? reading.options.length : 0);

export function LookupForm({
  regions,
  otherRegions = [],
  defaultRegion,
}: {
  regions: RegionInfo[];
  /** Regions this server may not query: named when a pasted text points at one. */
  otherRegions?: string[];
  defaultRegion: string;
}) {
  const navigate = useNavigate();
  const ids = useId();
  // "Edit lookup" and Back from a job page come here with the IDs in the address.
  const [params] = useSearchParams();
  const asked = params.get('region');
  const [region, setRegion] = useState(asked && regions.some((r) => r.id === asked) ? asked : defaultRegion);
  const [project, setProject] = useState<Field>({ value: params.get('project') ?? '', touched: false });
  const [job, setJob] = useState<Field>({ value: params.get('job') ?? '', touched: false });
  const [paste, setPaste] = useState('');
  const [reading, setReading] = useState<PasteReading | null>(null);
  const [forbiddenRegion, setForbiddenRegion] = useState<string | undefined>();
  const [submitted, setSubmitted] = useState(false);

  const projectError = projectIdProblem(project.value);
  const jobError = jobIdProblem(job.value);
  const showProjectError = (project.touched || submitted) && projectError;
  const showJobError = (job.touched || submitted) && jobError;

  const applyPaste = (text: string) => {
    setPaste(text);
    if (text.trim() === '') {
      setReading(null);
      setForbiddenRegion(undefined);
      return;
    }
    const found = readPaste(text, regions.map((r) => r.id));
    setReading(found);
    if (found.region.kind === 'found') setRegion(found.region.value);
    if (found.projectId.kind === 'found') setProject({ value: found.projectId.value, touched: true });
    if (found.jobId.kind === 'found') setJob({ value: found.jobId.value, touched: true });
    // The same parser, asked only about the regions this server may not query.
    setForbiddenRegion(found.region.kind === 'found' ? undefined : extractIds(text, otherRegions).region);
  };

  const forbiddenNote = forbiddenRegion
    ? ` The text names region ${forbiddenRegion}, which this dashboard may not query (it serves ${regions.map((r) => r.id).join(', ')}): open the job on a dashboard for that region.`
    : '';
  const pasteNote = reading ? noteFor(reading) + forbiddenNote : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (projectError || jobError) return;
    const target = { region, projectId: normaliseProjectId(project.value), jobId: job.value.trim() };
    // The form's entry in the history keeps the IDs: Back from the job page finds them filled in.
    void navigate(paths.lookup(target), { replace: true });
    void navigate(paths.job(target));
  };

  return (
    <form onSubmit={submit} noValidate className="rounded-card border border-line bg-panel p-5" aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`} className="text-xl font-semibold">
        Look up an SFS Turbo job
      </h1>
      <div className="mt-4">
        <label htmlFor={`${ids}-paste`} className="text-sm font-medium">
          Paste anything with the IDs in it <span className="font-normal text-ink-muted">(optional)</span>
        </label>
        <textarea
          id={`${ids}-paste`}
          rows={2}
          value={paste}
          onChange={(event) => applyPaste(event.target.value)}
          placeholder="Console URL, API path, log line, JSON body or SDK error message"
          aria-describedby={`${ids}-paste-note`}
          className={cn(inputClass, 'resize-y')}
        />
        <p id={`${ids}-paste-note`} role="status" className="mt-1 min-h-5 text-sm text-ink-muted">
          {pasteNote}
        </p>
      </div>
      <div className="mt-2 grid gap-4 md:grid-cols-[minmax(0,16rem)_minmax(0,1fr)_minmax(0,1fr)]">
        <div>
          <label htmlFor={`${ids}-region`} className="text-sm font-medium">
            Region
          </label>
          <select
            id={`${ids}-region`}
            value={region}
            onChange={(event) => setRegion(event.target.value)}
            className={fieldClass}
          >
            {regionGroups(regions).map((group) => {
              const options = group.options.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.text}
                </option>
              ));
              return group.cloud ? (
                <optgroup key={group.cloud} label={group.cloud}>
                  {options}
                </optgroup>
              ) : (
                options
              );
            })}
          </select>
          <PasteSource id={`${ids}-region-source`} reading={reading?.region} value={region} onPick={(found) => setRegion(found.value)} />
        </div>
        <IdInput
          id={`${ids}-project`}
          label="Project ID"
          placeholder="32 hexadecimal characters"
          field={project}
          onChange={setProject}
          error={showProjectError || null}
        >
          <PasteSource
            id={`${ids}-project-source`}
            reading={reading?.projectId}
            value={project.value}
            onPick={(found) => setProject({ value: found.value, touched: true })}
          />
        </IdInput>
        <IdInput
          id={`${ids}-job`}
          label="Job ID"
          placeholder="e.g. 26f6b565-…-03f0bd975433"
          field={job}
          onChange={setJob}
          error={showJobError || null}
        >
          <PasteSource
            id={`${ids}-job-source`}
            reading={reading?.jobId}
            value={job.value}
            onPick={(found) => setJob({ value: found.value, touched: true })}
          />
        </IdInput>
      </div>
      <Button type="submit" variant="primary" className="mt-5">
        Show job
      </Button>
    </form>
  );
}

function noteFor(reading: PasteReading): string {
  const parts = [
    reading.region.kind === 'found' && `region ${reading.region.value}`,
    reading.projectId.kind === 'found' && 'project ID',
    reading.jobId.kind === 'found' && 'job ID',
  ].filter(Boolean);
  const choices = [
    count(reading.projectId) > 0 && `${count(reading.projectId)} possible project IDs`,
    count(reading.jobId) > 0 && `${count(reading.jobId)} possible job IDs`,
  ].filter(Boolean);
  if (parts.length === 0 && choices.length === 0) return 'No region, project ID or job ID found in that text.';
  return [
    parts.length ? `Found ${parts.join(', ')}.` : '',
    choices.length ? `${choices.join(' and ')}: pick one below the field.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
