import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { RefObject } from 'react';
import { TicketBar } from '../../components/ui/ticket-bar';
import { boardPngFileName } from '../../job/file-name';
import { jobQueries } from '../../job/job-queries';
import { saveRegionPng } from '../../job/save-png';
import { regionsQuery } from '../../lib/regions-query';
import { boardCounts, rowSnapshot } from './board-counts';
import { boardSummary } from './board-summary';
import type { BoardEntry } from './board-url';

/** The board into a ticket: Markdown summary, link, PNG of every row (light scheme), print, ticket view. */
export function BoardActions({
  title,
  entries,
  link,
  regionRef,
}: {
  title: string;
  entries: readonly BoardEntry[];
  link: string;
  regionRef: RefObject<HTMLElement | null>;
}) {
  const queryClient = useQueryClient();
  const regions = useQuery(regionsQuery);

  // Read from the cache at click time: the actions never re-render on a poll.
  const summary = () => {
    const rows = entries.map((entry) => {
      if (entry.kind === 'invalid') return { entry, data: undefined, error: null };
      const state = queryClient.getQueryState(jobQueries.detail(entry.target).queryKey);
      return { entry, data: state?.data, error: state?.fetchFailureReason ?? state?.error ?? null };
    });
    const counts = boardCounts(
      rows.filter((row) => row.entry.kind === 'job').map((row) => rowSnapshot(row.data, row.error)),
    );
    return boardSummary({
      title,
      rows,
      counts,
      now: Date.now(),
      link,
      simulated: regions.data?.simulated ?? false,
    });
  };

  return (
    <TicketBar
      label="Take this board into a ticket"
      summary={summary}
      link={link}
      regionRef={regionRef}
      savePng={(region) => saveRegionPng(region, boardPngFileName(title, Date.now()))}
    />
  );
}
