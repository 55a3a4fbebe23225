import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { boardRef } from '../../job/board-link';
import type { LookupTarget } from '../../lib/api-error';
import { parseBoardSearch, type BoardEntry, type ParsedBoard } from './board-url';

/** The address's spelling of entries: valid IDs need no escaping, so `/` and `,` stay readable. */
export function boardSearch(
  entries: readonly BoardEntry[],
  title: string,
  ticketView: boolean,
): string {
  const items = entries.map((entry) =>
    encodeURIComponent(entry.kind === 'job' ? boardRef(entry.target) : entry.raw).replace(
      /%2F/g,
      '/',
    ),
  );
  const parts = [`jobs=${items.join(',')}`];
  if (title) parts.push(`title=${encodeURIComponent(title)}`);
  if (ticketView) parts.push('view=ticket');
  return `?${parts.join('&')}`;
}

export interface BoardControls extends ParsedBoard {
  setTitle(title: string): void;
  add(targets: readonly LookupTarget[]): number;
  remove(key: string): void;
  /** Puts a removed entry back at `index` (undo), unless it is on the board again already. */
  restore(entry: BoardEntry, index: number): void;
  move(key: string, delta: -1 | 1): void;
}

/** The board is its address: every edit replaces the history entry (no back-button trail). */
export function useBoard(): BoardControls {
  const { search, pathname } = useLocation();
  const navigate = useNavigate();
  const board = useMemo(() => parseBoardSearch(search), [search]);

  const write = useCallback(
    (entries: readonly BoardEntry[], title: string) =>
      void navigate(
        { pathname, search: boardSearch(entries, title, board.ticketView) },
        { replace: true },
      ),
    [navigate, pathname, board.ticketView],
  );

  // The actions read the board at call time, so they stay the same functions from one address
  // to the next: rows (memoised) do not re-render when the title is typed or a row moves.
  const latest = useRef(board);
  useLayoutEffect(() => {
    latest.current = board;
  });
  const actions = useMemo(
    () => ({
      setTitle: (title: string) => write(latest.current.entries, title),
      add: (targets: readonly LookupTarget[]) => {
        const { entries, title } = latest.current;
        const known = new Set(entries.map((entry) => entry.key));
        const fresh = targets.filter(
          (target) => !known.has(boardRef(target)) && known.add(boardRef(target)),
        );
        if (fresh.length > 0) {
          write(
            [
              ...entries,
              ...fresh.map((target) => ({ kind: 'job' as const, key: boardRef(target), target })),
            ],
            title,
          );
        }
        return fresh.length;
      },
      remove: (key: string) =>
        write(
          latest.current.entries.filter((entry) => entry.key !== key),
          latest.current.title,
        ),
      restore: (entry: BoardEntry, index: number) => {
        const entries = [...latest.current.entries];
        if (entries.some((other) => other.key === entry.key)) return;
        entries.splice(Math.min(index, entries.length), 0, entry);
        write(entries, latest.current.title);
      },
      move: (key: string, delta: -1 | 1) => {
        const entries = [...latest.current.entries];
        const from = entries.findIndex((entry) => entry.key === key);
        const to = from + delta;
        if (from < 0 || to < 0 || to >= entries.length) return;
        const [moved] = entries.splice(from, 1);
        if (moved) entries.splice(to, 0, moved);
        write(entries, latest.current.title);
      },
    }),
    [write],
  );
  return useMemo(() => ({ ...board, ...actions }), [board, actions]);
}
