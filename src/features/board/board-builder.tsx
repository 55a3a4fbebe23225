import { useQuery } from '@tanstack/react-query';
import { ListPlus } from 'lucide-react';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Button } from '../../components/ui/button';
import { BOARD_MAX_JOBS, BOARD_MAX_URL_CHARS, boardRef } from '../../job/board-link';
import { findRefs, type FoundRef } from '../../job/paste';
import type { LookupTarget } from '../../lib/api-error';
import { regionsQuery } from '../../lib/regions-query';

/**
 * Building the board: paste any text (links, API paths, log lines, JSON, a list of job IDs
 * under one project ID); the jobs found are listed, each with a tick box, and only the ticked
 * ones are added: nothing pasted lands on the board unseen. Edit the title. The address follows.
 */
export function BoardBuilder({
  title,
  jobCount,
  urlLength,
  onTitle,
  onAdd,
}: {
  title: string;
  jobCount: number;
  urlLength: number;
  onTitle: (title: string) => void;
  onAdd: (targets: readonly LookupTarget[]) => number;
}) {
  const regions = useQuery(regionsQuery);
  const [text, setText] = useState('');
  const [result, setResult] = useState('');
  /** Tick boxes the user changed, by board reference; the rest keep their default. */
  const [ticks, setTicks] = useState<ReadonlyMap<string, boolean>>(new Map());
  const ids = { paste: useId(), title: useId(), found: useId() };
  const pasted = useDeferredValue(text);
  const found = useMemo(
    () =>
      pasted.trim() === ''
        ? []
        : findRefs(
            pasted,
            regions.data?.regions.map((region) => region.id) ?? [],
            regions.data?.defaultRegion ?? 'eu-de',
          ),
    [pasted, regions.data],
  );
  const ticked = (ref: FoundRef) => ticks.get(boardRef(ref.target)) ?? !ref.unsure;
  const chosen = found.filter(ticked);

  const add = () => {
    const targets = chosen.map((ref) => ref.target);
    const added = onAdd(targets);
    const left = found.length - targets.length;
    setResult(
      `${added} ${added === 1 ? 'job' : 'jobs'} added${added < targets.length ? `, ${targets.length - added} already on the board` : ''}${left > 0 ? `; ${left} not ticked, left out` : ''}.`,
    );
    setText('');
    setTicks(new Map());
  };

  const tooMany = jobCount > BOARD_MAX_JOBS;
  const tooLong = urlLength > BOARD_MAX_URL_CHARS;
  return (
    <section
      aria-labelledby="board-builder-title"
      className="rounded-card border border-line bg-panel p-3 print:hidden"
    >
      <h2 id="board-builder-title" className="text-sm font-semibold">
        Build the board
      </h2>
      <div className="mt-2 grid gap-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-1">
          <label htmlFor={ids.paste} className="text-sm">
            Paste anything with job references: links, API paths, log lines, JSON, or job IDs under
            a project ID
          </label>
          <textarea
            id={ids.paste}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setResult('');
            }}
            rows={3}
            className="w-full rounded-md border border-line bg-surface p-2 font-mono text-xs"
          />
          <FoundList
            id={ids.found}
            found={pasted.trim() === '' ? undefined : found}
            ticked={ticked}
            onTick={(ref, on) =>
              setTicks((current) => new Map(current).set(boardRef(ref.target), on))
            }
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button size="sm" variant="primary" onClick={add} disabled={chosen.length === 0}>
              <ListPlus className="size-3.5" aria-hidden /> Add {chosen.length}{' '}
              {chosen.length === 1 ? 'job' : 'jobs'}
            </Button>
            <span role="status" className="text-sm text-ink-muted">
              {result}
            </span>
          </div>
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.title} className="text-sm">
            Board title (in the heading, the tab and the link)
          </label>
          <input
            id={ids.title}
            value={title}
            onChange={(event) => onTitle(event.target.value)}
            maxLength={200}
            className="h-9 w-full rounded-md border border-line bg-surface px-2 text-sm"
          />
        </div>
      </div>
      {tooMany || tooLong ? (
        <p
          role="alert"
          className="mt-2 rounded-md bg-status-waiting-soft px-2 py-1 text-sm text-status-waiting"
        >
          {tooMany
            ? `This board has ${jobCount} jobs; past ${BOARD_MAX_JOBS} it polls slowly and is hard to read. `
            : ''}
          {tooLong
            ? `Its link is ${urlLength} characters long; past ${BOARD_MAX_URL_CHARS} some servers, proxies and chat tools refuse or cut it. Split the incident into two boards.`
            : ''}
        </p>
      ) : null}
    </section>
  );
}

/** What the paste holds, one tick box per job: its ID, region, project and the words it came from. */
function FoundList({
  id,
  found,
  ticked,
  onTick,
}: {
  id: string;
  found: readonly FoundRef[] | undefined;
  ticked: (ref: FoundRef) => boolean;
  onTick: (ref: FoundRef, on: boolean) => void;
}) {
  if (found === undefined) return <p id={id} hidden />;
  if (found.length === 0)
    return (
      <p id={id} className="text-sm text-ink-muted" data-paste-found="none">
        No job reference found in the text: a job needs a project ID and a job ID.
      </p>
    );
  return (
    <fieldset id={id} className="rounded-md border border-line p-2" data-paste-found>
      <legend className="px-1 text-sm">
        Found {found.length} {found.length === 1 ? 'job' : 'jobs'}: tick the ones to add
      </legend>
      <ul className="max-h-64 space-y-1 overflow-y-auto">
        {found.map((ref) => {
          const key = boardRef(ref.target);
          const boxId = `${id}-${key}`;
          return (
            <li key={key} data-paste-ref={key} className="flex items-start gap-2 text-sm">
              <input
                id={boxId}
                type="checkbox"
                className="mt-1"
                checked={ticked(ref)}
                onChange={(event) => onTick(ref, event.target.checked)}
              />
              <label htmlFor={boxId} className="min-w-0">
                <span className="sr-only">Job </span>
                <code className="font-mono break-all">{ref.target.jobId}</code>
                <span className="text-ink-muted">
                  {' '}
                  · region <span className="font-mono">{ref.target.region}</span>
                  {ref.regionGuessed ? ' (named elsewhere in the text, or the default)' : ''} ·
                  project <span className="font-mono break-all">{ref.target.projectId}</span>
                </span>
                <span className="block text-xs break-all text-ink-muted">
                  from “{ref.from}”
                  {ref.unsure
                    ? ' · a bare 32-character value: a job ID, or maybe a request or trace ID, so not ticked at first'
                    : ''}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
