import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { memoryQueries } from '../../job/memory-queries';
import { watchErrorText } from '../../job/watch-words';
import { ApiError, type LookupTarget } from '../../lib/api-error';
import { createWatch, deleteWatch, type Watch } from '../../lib/memory-api';

// The server's watches, shared by the job page and the board (see watch-control.tsx).

/** The operator's destinations; empty while loading, when none is set, or without a memory. */
export function useNotifyTargets() {
  return useQuery(memoryQueries.targets()).data?.targets ?? [];
}

/**
 * Starting and stopping watches; the list is asked again after each, the change shown at once.
 * (Plain state rather than `useMutation`: its code would be split out of the first-load chunk
 * with React's JSX runtime beside it, 0.3 kB more on every job page.)
 */
export function useWatchActions() {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = async (change: () => Promise<(old: Watch[]) => Watch[]>) => {
    setBusy(true);
    setError(undefined);
    const key = memoryQueries.watches().queryKey;
    try {
      const edit = await change();
      queryClient.setQueryData(key, (old) => ({ watches: edit(old?.watches ?? []) }));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      setError(failure);
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: key });
    }
  };
  return {
    start: (jobs: readonly LookupTarget[], target: string, subJobFailures: boolean) =>
      void run(async () => {
        const created = await Promise.all(
          jobs.map((job) => createWatch({ ...job, target, subJobFailures })),
        );
        return (old) => [...created, ...old];
      }),
    stop: (ids: readonly string[]) =>
      void run(async () => {
        await Promise.all(ids.map(deleteWatch));
        return (old) => old.filter((watch) => !ids.includes(watch.id));
      }),
    busy,
    errorText: error ? watchErrorText(error) : undefined,
  };
}
