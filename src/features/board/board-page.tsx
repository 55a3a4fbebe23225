import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useLocation } from 'react-router';
import { rememberBoard } from '../../job/last-board';
import { useTicketView } from '../../job/use-ticket-view';
import { useZone } from '../../job/use-zone';
import { publicLink } from '../../lib/base-path';
import { BoardActions } from './board-actions';
import { BoardBuilder } from './board-builder';
import { BoardHeader } from './board-header';
import { BoardRow, InvalidEntryCard } from './board-row';
import { BoardTimeline } from './board-timeline';
import { jobsOf } from './board-url';
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
  const { move, remove } = board;

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
          <BoardActions
            title={board.title}
            entries={board.entries}
            link={link}
            regionRef={captureRef}
          />
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
                  onRemove={remove}
                />
              ) : (
                <InvalidEntryCard
                  key={entry.key}
                  entryKey={entry.key}
                  raw={entry.raw}
                  problem={entry.problem}
                  position={index + 1}
                  editable={editable}
                  onRemove={remove}
                />
              ),
            )}
          </ol>
        )}
        {jobs.length > 0 ? <BoardTimeline jobs={jobs} zone={zone} /> : null}
        <p className="png-only text-xs text-ink-muted">{link}</p>
      </div>
      {editable ? (
        <BoardBuilder
          title={board.title}
          jobCount={jobs.length}
          urlLength={link.length}
          onTitle={board.setTitle}
          onAdd={board.add}
        />
      ) : null}
    </div>
  );
}
