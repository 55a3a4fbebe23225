import { ListPlus, Undo2 } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { Button } from '../../components/ui/button';
import { rememberBoard } from '../../job/last-board';
import { useTicketView } from '../../job/use-ticket-view';
import { useZone } from '../../job/use-zone';
import { publicLink } from '../../lib/base-path';
import { keepInView } from '../../lib/keep-in-view';
import { BoardActions } from './board-actions';
import { BoardBuilder } from './board-builder';
import { BoardHeader } from './board-header';
import { BoardRow, InvalidEntryCard } from './board-row';
import { BoardTimeline } from './board-timeline';
import { jobsOf, type BoardEntry } from './board-url';
import { TickClock } from './ticking-text';
import { boardSearch, useBoard } from './use-board';
import { useNotifyOptIn } from './use-board-alerts';

/**
 * `/board?jobs=…&title=…`: every job of an incident, live, in the order given. The address is
 * the whole board. This component re-renders when the address, the zone or the notification
 * choice changes, never on a poll: rows, header and axis each follow the cache themselves.
 */
export function BoardPage() {
  const board = useBoard();
  const { pathname } = useLocation();
  const [zone, setZone] = useZone();
  const notify = useNotifyOptIn();
  const ticket = useTicketView();
  const captureRef = useRef<HTMLDivElement>(null);
  const jobs = useMemo(() => jobsOf(board.entries), [board.entries]);
  const invalid = board.entries.length - jobs.length;
  // The board last open is where a job page's "Add to board" adds its job.
  useEffect(() => {
    if (jobs.length > 0) rememberBoard({ title: board.title, jobs });
  }, [jobs, board.title]);
  // PUBLIC_URL and BASE_PATH, as every copied link: the board's address for colleagues.
  const link = publicLink(`${pathname}${boardSearch(board.entries, board.title, false)}`);
  const editable = !ticket;
  const { move, remove, restore } = board;
  const pasteRef = useRef<HTMLDivElement>(null);

  // Removing is undone from a status line: the entry, where it stood, and what to say.
  const [removed, setRemoved] = useState<{ entry: BoardEntry; index: number }>();
  const [said, setSaid] = useState('');
  // Where the keyboard goes once the address (and so the list) has changed.
  const focusNext = useRef<() => HTMLElement | null | undefined>(undefined);
  useEffect(() => {
    const find = focusNext.current;
    focusNext.current = undefined;
    find?.()?.focus();
  }, [board.entries]);
  const entriesNow = useRef(board.entries);
  useLayoutEffect(() => {
    entriesNow.current = board.entries;
  });
  const removeButtonOf = (key: string | undefined) =>
    key === undefined
      ? null
      : document.querySelector<HTMLElement>(
          `[data-board-row="${CSS.escape(key)}"] [data-action="remove"]`,
        );

  // The keyboard stays on the list: on the next row's remove button (or the one before), or,
  // once the list is empty, on Undo.
  const onRemove = useCallback(
    (key: string) => {
      const entries = entriesNow.current;
      const index = entries.findIndex((entry) => entry.key === key);
      const entry = entries[index];
      if (!entry) return;
      const neighbour = (entries[index + 1] ?? entries[index - 1])?.key;
      setRemoved({ entry, index });
      setSaid(`Removed ${entryName(entry)}.`);
      focusNext.current = () =>
        removeButtonOf(neighbour) ?? document.querySelector<HTMLElement>('[data-undo]');
      remove(key);
    },
    [remove],
  );
  const undo = () => {
    if (!removed) return;
    setRemoved(undefined);
    setSaid(`Put ${entryName(removed.entry)} back in place ${removed.index + 1}.`);
    focusNext.current = () => removeButtonOf(removed.entry.key);
    restore(removed.entry, removed.index);
  };
  // "Add jobs" at the top: on a filled board the paste box is below the fold, and it stays
  // on screen while answers still coming in grow the board above it.
  const toAddJobs = () => {
    const box = pasteRef.current;
    const field = box?.querySelector<HTMLElement>('textarea') ?? box;
    if (!field) return;
    field.focus();
    if (captureRef.current) keepInView(field, captureRef.current);
  };

  // Moving a row keeps the keyboard where it was: on the same button of the moved row.
  const onMove = useCallback(
    (key: string, delta: -1 | 1) => {
      move(key, delta);
      requestAnimationFrame(() => {
        const row = document.querySelector<HTMLElement>(`[data-board-row="${CSS.escape(key)}"]`);
        const button = row?.querySelector<HTMLButtonElement>(
          `[data-action="${delta < 0 ? 'up' : 'down'}"]`,
        );
        (button && !button.disabled
          ? button
          : row?.querySelector<HTMLButtonElement>('[data-action="remove"]')
        )?.focus();
      });
    },
    [move],
  );
  return (
    <div className="space-y-3">
      <TickClock />
      <div ref={captureRef} data-ticket-region className="space-y-3">
        <BoardHeader
          title={board.title}
          jobs={jobs}
          invalid={invalid}
          zone={zone}
          onZone={setZone}
          notify={notify}
        />
        {editable ? (
          <div className="flex flex-wrap items-center gap-2 print:hidden">
            {board.entries.length > 0 ? (
              <Button size="sm" variant="primary" onClick={toAddJobs}>
                <ListPlus className="size-3.5" aria-hidden /> Add jobs
              </Button>
            ) : null}
            <BoardActions
              title={board.title}
              entries={board.entries}
              link={link}
              regionRef={captureRef}
            />
          </div>
        ) : null}
        {editable ? (
          <p
            role="status"
            // While empty (no row removed yet) it adds no gap of its own.
            className="flex min-h-0 flex-wrap items-center gap-2 text-sm empty:mb-0 print:hidden"
          >
            {said}
            {removed ? (
              <Button data-undo size="sm" onClick={undo}>
                <Undo2 className="size-3.5" aria-hidden /> Undo
              </Button>
            ) : null}
          </p>
        ) : null}
        {board.duplicates > 0 ? (
          <p className="text-sm text-ink-muted">
            {board.duplicates} repeated {board.duplicates === 1 ? 'entry was' : 'entries were'}{' '}
            merged into the first.
          </p>
        ) : null}
        {board.entries.length === 0 ? (
          <p className="rounded-card border border-line bg-panel p-4 text-sm">
            This board has no jobs yet. Paste an incident's text below: every job reference in it is
            added.
          </p>
        ) : (
          <ol className="space-y-1.5" aria-label="Jobs of the incident">
            {board.entries.map((entry, index) =>
              entry.kind === 'job' ? (
                <BoardRow
                  key={entry.key}
                  entryKey={entry.key}
                  target={entry.target}
                  position={index + 1}
                  count={board.entries.length}
                  zone={zone}
                  notifyRequested={notify.requested}
                  editable={editable}
                  onMove={onMove}
                  onRemove={onRemove}
                />
              ) : (
                <InvalidEntryCard
                  key={entry.key}
                  entryKey={entry.key}
                  raw={entry.raw}
                  problem={entry.problem}
                  position={index + 1}
                  editable={editable}
                  onRemove={onRemove}
                />
              ),
            )}
          </ol>
        )}
        {jobs.length > 0 ? <BoardTimeline jobs={jobs} zone={zone} editable={editable} /> : null}
        <p className="png-only text-xs text-ink-muted">{link}</p>
      </div>
      {editable ? (
        <div ref={pasteRef} tabIndex={-1} className="scroll-mt-4 outline-none">
          <BoardBuilder
            title={board.title}
            jobCount={jobs.length}
            urlLength={link.length}
            onTitle={board.setTitle}
            onAdd={board.add}
          />
        </div>
      ) : null}
    </div>
  );
}

function entryName(entry: BoardEntry): string {
  return entry.kind === 'job' ? `job ${entry.target.jobId}` : `the entry ${entry.raw}`;
}
