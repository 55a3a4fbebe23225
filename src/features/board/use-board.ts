import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { LookupTarget } from '../../lib/api-error';
import { boardRef } from '../../lib/board-link';
import { parseBoardSearch, type BoardEntry, type ParsedBoard } from './board-url';

/** The address's spelling of entries: valid IDs need no escaping, so `/` and `,` stay readable. */
export function boardSearch(entries: readonly BoardEntry[], title: string, ticketView: boolean): string {
  const items = entries.map((entry) => encodeURIComponent(entry.kind === 'job' ? boardRef(entry.target) : entry.raw).replace(/%2F/g, '/'));
  const parts = [`jobs=${items.join(',')}`];
  if (title) parts.push(`title=${encodeURIComponent(title)}`);
  if (ticketView) parts.push('view=ticket');
  return `?${parts.join('&')}`;
}

export interface BoardControls extends ParsedBoard {
  setTitle(title: string): void;
  add(targets: readonly LookupTarget[]): number;
  remove(key: string): void;
  move(key: string, delta: -1 | 1): void;
}

/** The board is its address: every edit replaces the history entry (no back-button trail). */
export function useBoard(): BoardControls {
  const { search, pathname } = useLocation();
  const navigate = useNavigate();
  const board = useMemo(() => parseBoardSearch(search), [search]);

  const write = useCallback(
    (entries: readonly BoardEntry[], title: string) =>
      void navigate({ pathname, search: boardSearch(entries, title, board.ticketView) }, { replace: true }),
    [navigate, pathname, board.ticketView],
  );

  return useMemo(
    () => ({
      ...board,
      setTitle: (title: string) => write(board.entries, title),
      add: (targets: readonly LookupTarget[]) => {
        const known = new Set(board.entries.map((entry) => entry.key));
        const fresh = targets.filter((target) => !known.has(boardRef(target)) && known.add(boardRef(target)));
        if (fresh.length > 0) {
          write([...board.entries, ...fresh.map((target) => ({ kind: 'job' as const, key: boardRef(target), target }))], board.title);
        }
        return fresh.length;
      },
      remove: (key: string) => write(board.entries.filter((entry) => entry.key !== key), board.title),
      move: (key: string, delta: -1 | 1) => {
        const from = board.entries.findIndex((entry) => entry.key === key);
        const to = from + delta;
        if (from < 0 || to < 0 || to >= board.entries.length) return;
        const entries = [...board.entries];
        const [moved] = entries.splice(from, 1);
        if (moved) entries.splice(to, 0, moved);
        write(entries, board.title);
      },
    }),
    [board, write],
  );
}
