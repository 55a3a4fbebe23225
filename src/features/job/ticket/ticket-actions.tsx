import { useQueryClient } from '@tanstack/react-query';
import type { RefObject } from 'react';
import { CopyButton } from '../../../components/ui/copy-button';
import { TicketBar } from '../../../components/ui/ticket-bar';
import { pngFileName } from '../../../job/file-name';
import { saveRegionPng } from '../../../job/save-png';
import type { JobResponse } from '../../../lib/api-client';
import type { LookupTarget } from '../../../lib/api-error';
import { loadTicketExports } from './load-exports';

/** The job into a ticket: the shared ticket bar, plus the raw answer. */
export function TicketActions({
  data,
  target,
  dataAt,
  regionName,
  simulated,
  permalink,
  regionRef,
}: {
  data: JobResponse;
  target: LookupTarget;
  dataAt: number;
  regionName: string | undefined;
  simulated: boolean;
  permalink: string;
  /** What the PNG draws: the job card and timeline with the freshness stamp above them. */
  regionRef: RefObject<HTMLElement | null>;
}) {
  const queryClient = useQueryClient();
  const summary = async () => {
    const exports = await loadTicketExports();
    return exports.ticketSummary({
      job: data.job,
      target,
      regionName,
      requestId: data.requestId,
      dataAt,
      permalink,
      simulated,
      // What the dashboard's server saw of the job, when it keeps a memory.
      history: await exports.historyFor(queryClient, target),
    });
  };
  // The capture code is loaded on the first click (decision 0006).
  return (
    <TicketBar
      label="Take this job into a ticket"
      summary={summary}
      link={permalink}
      regionRef={regionRef}
      savePng={(region) => saveRegionPng(region, pngFileName(target.jobId, Date.now()))}
    >
      <CopyButton variant="secondary" value={data.raw} label="Copy raw JSON" text="Copy raw JSON" />
    </TicketBar>
  );
}
