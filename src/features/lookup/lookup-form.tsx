import { useId } from 'react';
import type { RegionInfo } from '../../../common/contract';
import { Button } from '../../components/ui/button';
import { cn } from '../../lib/cn';
import { regionGroups } from '../../lib/regions-query';
import { fieldClass, IdInput, inputClass } from './id-input';
import { PasteSource } from './paste-source';
import { useLookupForm } from './use-lookup-form';

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
  const ids = useId();
  const form = useLookupForm({ regions, otherRegions, defaultRegion });
  const { region, setRegion, project, setProject, job, setJob, reading } = form;

  return (
    <form
      onSubmit={form.submit}
      noValidate
      className="rounded-card border border-line bg-panel p-5"
      aria-labelledby={`${ids}-title`}
    >
      <h1 id={`${ids}-title`} className="text-xl font-semibold">
        Look up an SFS Turbo job
      </h1>
      <div className="mt-4">
        <label htmlFor={`${ids}-paste`} className="text-sm font-medium">
          Paste anything with the IDs in it{' '}
          <span className="font-normal text-ink-muted">(optional)</span>
        </label>
        <p id={`${ids}-paste-hint`} className="text-xs text-ink-muted">
          Enter reads it and shows the job; Shift+Enter starts a new line.
        </p>
        <textarea
          id={`${ids}-paste`}
          rows={2}
          value={form.paste}
          onChange={(event) => form.applyPaste(event.target.value)}
          onPaste={form.onPasteEvent}
          onKeyDown={form.onPasteKeyDown}
          placeholder="Console URL, API path, log line, JSON body or SDK error message"
          aria-describedby={`${ids}-paste-hint ${ids}-paste-note`}
          className={cn(inputClass, 'resize-y')}
        />
        <p id={`${ids}-paste-note`} role="status" className="mt-1 min-h-5 text-sm text-ink-muted">
          {form.pasteNote}
        </p>
      </div>
      {/* The ID fields take a whole 36-character job ID: side by side from 768 px with the
          region above them, all three in a row only where that still leaves them room. */}
      <div className="mt-2 grid gap-4 md:grid-cols-2 xl:grid-cols-[minmax(0,16rem)_minmax(0,1fr)_minmax(0,1fr)]">
        <div className="md:col-span-2 md:max-w-sm xl:col-span-1 xl:max-w-none">
          <label htmlFor={`${ids}-region`} className="text-sm font-medium">
            Region
          </label>
          <RegionSelect
            id={`${ids}-region`}
            regions={regions}
            value={region}
            onChange={setRegion}
          />
          <PasteSource
            id={`${ids}-region-source`}
            reading={reading?.region}
            value={region}
            onPick={(found) => setRegion(found.value)}
          />
        </div>
        <IdInput
          id={`${ids}-project`}
          label="Project ID"
          placeholder="32 hexadecimal characters"
          field={project}
          onChange={setProject}
          inputRef={form.projectRef}
          error={form.projectError}
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
          inputRef={form.jobRef}
          error={form.jobError}
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

/** The regions this server may query, grouped by cloud where there is more than one. */
function RegionSelect({
  id,
  regions,
  value,
  onChange,
}: {
  id: string;
  regions: RegionInfo[];
  value: string;
  onChange: (region: string) => void;
}) {
  return (
    <select
      id={id}
      value={value}
      onChange={(event) => onChange(event.target.value)}
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
  );
}
