import { useQueries } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { RegionInfo } from '../../../common/contract';
import { paths } from '../../app/paths';
import { Button } from '../../components/ui/button';
import { StatusBadge } from '../../components/ui/status-badge';
import { fetchJob } from '../../lib/api-client';
import type { LookupTarget } from '../../lib/api-error';
import { failureBrief } from './poll-words';

type ProbeResult = ReturnType<typeof useRegionProbe>[number];

/** The job asked for in each of the other regions, once each, when `probing` turns on. */
function useRegionProbe(target: LookupTarget, others: RegionInfo[], probing: boolean) {
  return useQueries({
    queries: others.map((region) => {
      const asked = { ...target, region: region.id };
      return {
        queryKey: ['job-probe', asked.region, asked.projectId, asked.jobId] as const,
        queryFn: ({ signal }: { signal: AbortSignal }) => fetchJob(asked, signal),
        enabled: probing,
        retry: false,
        staleTime: Infinity,
      };
    }),
  });
}

function ProbeOutcome({
  target,
  region,
  result,
}: {
  target: LookupTarget;
  region: string;
  result: ProbeResult | undefined;
}) {
  if (result?.data) {
    return (
      <>
        <StatusBadge status={result.data.job.status} size="sm" />
        <Link
          to={paths.job({ ...target, region })}
          className="font-medium text-accent underline underline-offset-2"
        >
          Found: open it in {region}
        </Link>
      </>
    );
  }
  if (result?.error) {
    return (
      <span className="text-ink-muted">
        {result.error.kind === 'not-found'
          ? 'not found'
          : `not known: ${failureBrief(result.error)}`}
      </span>
    );
  }
  return <span className="text-ink-muted">asking…</span>;
}

function ProbeResults({
  target,
  others,
  results,
}: {
  target: LookupTarget;
  others: RegionInfo[];
  results: ProbeResult[];
}) {
  return (
    <ul
      aria-label="The job in the other regions"
      className="divide-y divide-line rounded-md border border-line"
    >
      {others.map((region, index) => (
        <li key={region.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5">
          <span className="min-w-40 font-mono">{region.id}</span>
          <ProbeOutcome target={target} region={region.id} result={results[index]} />
        </li>
      ))}
    </ul>
  );
}

/**
 * After a 404: the same job in the other regions this dashboard may ask, one by one (a
 * region switch) or all at once. Each region is asked once; nothing here polls.
 */
export function RegionProbe({ target, regions }: { target: LookupTarget; regions: RegionInfo[] }) {
  const ids = useId();
  const others = regions.filter((region) => region.id !== target.region);
  const [choice, setChoice] = useState(others[0]?.id ?? '');
  const [probing, setProbing] = useState(false);
  const results = useRegionProbe(target, others, probing);
  if (others.length === 0) {
    return (
      <p className="mt-3 text-sm">
        This dashboard may ask region {target.region} only; if the job ran elsewhere, look it up in
        the console of that region.
      </p>
    );
  }
  const chosen = { ...target, region: choice };
  return (
    <div className="mt-3 space-y-2 text-sm" data-region-probe>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`${ids}-region`} className="block font-medium">
            Same IDs in another region
          </label>
          <select
            id={`${ids}-region`}
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            className="mt-1 block max-w-full rounded-md border border-line bg-panel px-2 py-1.5"
          >
            {others.map((region) => (
              <option key={region.id} value={region.id}>
                {region.name}
              </option>
            ))}
          </select>
        </div>
        <Link
          to={paths.job(chosen)}
          className="rounded-md border border-line px-3 py-1.5 font-medium text-accent hover:bg-surface"
        >
          Look in {choice}
        </Link>
        {probing ? null : (
          <Button size="sm" onClick={() => setProbing(true)}>
            Look in every allowed region ({others.length})
          </Button>
        )}
      </div>
      {probing ? <ProbeResults target={target} others={others} results={results} /> : null}
    </div>
  );
}
