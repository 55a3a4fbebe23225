import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { RegionInfo } from '../../../common/contract';
import { paths } from '../../app/paths';
import { extractIds, readPaste, type PasteReading } from '../../job/paste';
import type { Field } from './id-input';
import { jobIdProblem, normaliseProjectId, projectIdProblem } from './validation';

const count = (reading: PasteReading[keyof PasteReading]) =>
  reading.kind === 'choice' ? reading.options.length : 0;

/**
 * The lookup form's state: the three fields (filled from the address on "Edit lookup" and
 * Back), what a paste found in them, and the way to the job page.
 */
export function useLookupForm({
  regions,
  otherRegions,
  defaultRegion,
}: {
  regions: RegionInfo[];
  otherRegions: string[];
  defaultRegion: string;
}) {
  const navigate = useNavigate();
  // "Edit lookup" and Back from a job page come here with the IDs in the address.
  const [params] = useSearchParams();
  const asked = params.get('region');
  const [region, setRegion] = useState(
    asked && regions.some((r) => r.id === asked) ? asked : defaultRegion,
  );
  const [project, setProject] = useState<Field>({
    value: params.get('project') ?? '',
    touched: false,
  });
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
    const found = readPaste(
      text,
      regions.map((r) => r.id),
    );
    setReading(found);
    if (found.region.kind === 'found') setRegion(found.region.value);
    if (found.projectId.kind === 'found')
      setProject({ value: found.projectId.value, touched: true });
    if (found.jobId.kind === 'found') setJob({ value: found.jobId.value, touched: true });
    // The same parser, asked only about the regions this server may not query.
    setForbiddenRegion(
      found.region.kind === 'found' ? undefined : extractIds(text, otherRegions).region,
    );
  };

  const forbiddenNote = forbiddenRegion
    ? ` The text names region ${forbiddenRegion}, which this dashboard may not query (it serves ${regions.map((r) => r.id).join(', ')}): open the job on a dashboard for that region.`
    : '';
  const pasteNote = reading ? noteFor(reading) + forbiddenNote : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (projectError || jobError) return;
    const target = {
      region,
      projectId: normaliseProjectId(project.value),
      jobId: job.value.trim(),
    };
    // The form's entry in the history keeps the IDs: Back from the job page finds them filled in.
    void navigate(paths.lookup(target), { replace: true });
    void navigate(paths.job(target));
  };

  return {
    region,
    setRegion,
    project,
    setProject,
    job,
    setJob,
    paste,
    applyPaste,
    reading,
    pasteNote,
    projectError: showProjectError || null,
    jobError: showJobError || null,
    submit,
  };
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
  if (parts.length === 0 && choices.length === 0)
    return 'No region, project ID or job ID found in that text.';
  return [
    parts.length ? `Found ${parts.join(', ')}.` : '',
    choices.length ? `${choices.join(' and ')}: pick one below the field.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
