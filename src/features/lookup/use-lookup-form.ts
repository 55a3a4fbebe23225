import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
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

  const projectRef = useRef<HTMLInputElement>(null);
  const jobRef = useRef<HTMLInputElement>(null);
  // Set by the paste event, read by the change that follows it: only a paste (or Enter) moves
  // the focus; typing in the box never takes it away.
  const pasted = useRef(false);

  /** Reads `text` into the fields; returns the values they then hold. */
  const readInto = (text: string) => {
    setPaste(text);
    if (text.trim() === '') {
      setReading(null);
      setForbiddenRegion(undefined);
      return { region, projectId: project.value, jobId: job.value, reading: null };
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
    return {
      region: found.region.kind === 'found' ? found.region.value : region,
      projectId: found.projectId.kind === 'found' ? found.projectId.value : project.value,
      jobId: found.jobId.kind === 'found' ? found.jobId.value : job.value,
      reading: found,
    };
  };

  /** Puts the focus in the first ID field the paste left to fill, if it found anything. */
  const focusMissing = (values: ReturnType<typeof readInto>) => {
    const { reading: found } = values;
    if (!found) return;
    if (found.projectId.kind === 'none' && found.jobId.kind === 'none') return;
    if (projectIdProblem(values.projectId) && found.projectId.kind !== 'choice')
      projectRef.current?.focus();
    else if (jobIdProblem(values.jobId) && found.jobId.kind !== 'choice') jobRef.current?.focus();
  };

  const applyPaste = (text: string) => {
    const values = readInto(text);
    if (pasted.current) focusMissing(values);
    pasted.current = false;
  };

  const onPasteEvent = () => {
    pasted.current = true;
  };

  const forbiddenNote = forbiddenRegion
    ? ` The text names region ${forbiddenRegion}, which this dashboard may not query (it serves ${regions.map((r) => r.id).join(', ')}): open the job on a dashboard for that region.`
    : '';
  const pasteNote = reading
    ? noteFor(reading, {
        projectId: Boolean(projectError) && reading.projectId.kind !== 'choice',
        jobId: Boolean(jobError) && reading.jobId.kind !== 'choice',
      }) + forbiddenNote
    : null;

  const go = (values: { region: string; projectId: string; jobId: string }) => {
    setSubmitted(true);
    const projectProblem = projectIdProblem(values.projectId);
    const jobProblem = jobIdProblem(values.jobId);
    // The first field to fix gets the focus, not the button that could not go on.
    if (projectProblem) projectRef.current?.focus();
    else if (jobProblem) jobRef.current?.focus();
    if (projectProblem || jobProblem) return;
    const target = {
      region: values.region,
      projectId: normaliseProjectId(values.projectId),
      jobId: values.jobId.trim(),
    };
    // The form's entry in the history keeps the IDs: Back from the job page finds them filled in.
    void navigate(paths.lookup(target), { replace: true });
    void navigate(paths.job(target));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ region, projectId: project.value, jobId: job.value });
  };

  /** Enter in the paste box reads it and goes on to the job; Shift+Enter is a new line. */
  const onPasteKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    go(readInto(event.currentTarget.value));
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
    onPasteEvent,
    onPasteKeyDown,
    projectRef,
    jobRef,
    reading,
    pasteNote,
    projectError: showProjectError || null,
    jobError: showJobError || null,
    submit,
  };
}

/** "7c0e…": enough of an ID to recognise it in the note, the field holds the whole. */
function brief(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}…` : id;
}

/**
 * What the paste gave, and what it left to fill: "Found job ID 7c0e…; the project ID is
 * missing: type or paste it."
 */
function noteFor(reading: PasteReading, missing: { projectId: boolean; jobId: boolean }): string {
  const parts = [
    reading.region.kind === 'found' && `region ${reading.region.value}`,
    reading.projectId.kind === 'found' && `project ID ${brief(reading.projectId.value)}`,
    reading.jobId.kind === 'found' && `job ID ${brief(reading.jobId.value)}`,
  ].filter(Boolean);
  const choices = [
    count(reading.projectId) > 0 && `${count(reading.projectId)} possible project IDs`,
    count(reading.jobId) > 0 && `${count(reading.jobId)} possible job IDs`,
  ].filter(Boolean);
  if (parts.length === 0 && choices.length === 0)
    return 'No region, project ID or job ID found in that text.';
  const absent = [missing.projectId && 'the project ID', missing.jobId && 'the job ID'].filter(
    Boolean,
  );
  const gap =
    absent.length === 0
      ? ''
      : absent.length === 1
        ? `${absent[0]} is missing: type or paste it`
        : `${absent.join(' and ')} are missing: type or paste them`;
  const said = [parts.length ? `Found ${parts.join(', ')}` : '', gap].filter(Boolean).join('; ');
  return [
    said ? `${said.charAt(0).toUpperCase()}${said.slice(1)}.` : '',
    choices.length ? `${choices.join(' and ')}: pick one below the field.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
