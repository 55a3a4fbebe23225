import { useQuery } from '@tanstack/react-query';
import { ListPlus } from 'lucide-react';
import { useId, useState } from 'react';
import { Button } from '../../components/ui/button';
import { BOARD_MAX_JOBS, BOARD_MAX_URL_CHARS } from '../../job/board-link';
import { extractRefs } from '../../job/paste';
import type { LookupTarget } from '../../lib/api-error';
import { regionsQuery } from '../../lib/regions-query';

/**
 * Building the board: paste any text (links, API paths, log lines, JSON, a list of job IDs
 * under one project ID) and every job in it is added; edit the title. The address follows.
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
  const ids = { paste: useId(), title: useId() };

  const add = () => {
    const known = regions.data?.regions.map((region) => region.id) ?? [];
    const refs = extractRefs(text, known, regions.data?.defaultRegion ?? 'eu-de');
    const added = onAdd(refs);
    setResult(
      refs.length === 0
        ? 'No job reference found in the text: a job needs a project ID and a job ID.'
        : `Found ${refs.length} ${refs.length === 1 ? 'job' : 'jobs'}; ${added} added${added < refs.length ? `, ${refs.length - added} already on the board` : ''}.`,
    );
    if (refs.length > 0) setText('');
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
            onChange={(event) => setText(event.target.value)}
            rows={3}
            className="w-full rounded-md border border-line bg-surface p-2 font-mono text-xs"
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button size="sm" variant="primary" onClick={add} disabled={text.trim() === ''}>
              <ListPlus className="size-3.5" aria-hidden /> Add the jobs found
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
