import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { RegionInfo } from '../../../common/contract';
import { paths } from '../../app/paths';
import { Button } from '../../components/ui/button';
import { cn } from '../../lib/cn';
import { regionGroups } from '../../lib/regions-query';
import { extractIds } from './parse-ids';
import { jobIdProblem, normaliseProjectId, projectIdProblem } from './validation';

interface Field {
  value: string;
  touched: boolean;
}

// IDs are set in the monospace font, the region list in the text font.
const fieldClass =
  'mt-1 block w-full rounded-md border border-line bg-panel px-3 py-2 text-sm text-ink placeholder:text-ink-muted/70';
const inputClass = `${fieldClass} font-mono`;

function IdInput({
  id,
  label,
  placeholder,
  field,
  onChange,
  error,
}: {
  id: string;
  label: string;
  placeholder: string;
  field: Field;
  onChange: (field: Field) => void;
  error: string | null;
}) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        value={field.value}
        onChange={(event) => onChange({ value: event.target.value, touched: field.touched })}
        onBlur={() => onChange({ ...field, touched: true })}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-status-failed">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function LookupForm({ regions, defaultRegion }: { regions: RegionInfo[]; defaultRegion: string }) {
  const navigate = useNavigate();
  const ids = useId();
  const [region, setRegion] = useState(defaultRegion);
  const [project, setProject] = useState<Field>({ value: '', touched: false });
  const [job, setJob] = useState<Field>({ value: '', touched: false });
  const [paste, setPaste] = useState('');
  const [pasteNote, setPasteNote] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);

  const projectError = projectIdProblem(project.value);
  const jobError = jobIdProblem(job.value);
  const showProjectError = (project.touched || submitted) && projectError;
  const showJobError = (job.touched || submitted) && jobError;

  const applyPaste = (text: string) => {
    setPaste(text);
    if (text.trim() === '') {
      setPasteNote(null);
      return;
    }
    const found = extractIds(text, regions.map((r) => r.id));
    if (found.region) setRegion(found.region);
    if (found.projectId) setProject({ value: found.projectId, touched: true });
    if (found.jobId) setJob({ value: found.jobId, touched: true });
    const parts = [
      found.region && `region ${found.region}`,
      found.projectId && 'project ID',
      found.jobId && 'job ID',
    ].filter(Boolean);
    setPasteNote(parts.length ? `Found ${parts.join(', ')}.` : 'No region, project ID or job ID found in that text.');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (projectError || jobError) return;
    void navigate(paths.job({ region, projectId: normaliseProjectId(project.value), jobId: job.value.trim() }));
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
        </div>
        <IdInput
          id={`${ids}-project`}
          label="Project ID"
          placeholder="32 hexadecimal characters"
          field={project}
          onChange={setProject}
          error={showProjectError || null}
        />
        <IdInput
          id={`${ids}-job`}
          label="Job ID"
          placeholder="e.g. 26f6b565-…-03f0bd975433"
          field={job}
          onChange={setJob}
          error={showJobError || null}
        />
      </div>
      <Button type="submit" variant="primary" className="mt-5">
        Show job
      </Button>
    </form>
  );
}
