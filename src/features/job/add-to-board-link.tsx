import { LayoutList } from 'lucide-react';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { withJob } from '../../job/board-link';
import { useLastBoard } from '../../job/last-board';
import type { LookupTarget } from '../../lib/api-error';

/** Adds this job to the board last open in this browser (or starts a board with it). */
export function AddToBoardLink({ target }: { target: LookupTarget }) {
  const last = useLastBoard();
  const name =
    last.jobs.length === 0
      ? 'a new board'
      : last.title
        ? `the board “${last.title}”`
        : 'the last board';
  return (
    <Link
      to={paths.board(withJob(last, target))}
      className="inline-flex h-7 items-center gap-1.5 rounded-md border border-line bg-panel px-2 text-xs font-medium text-ink hover:bg-surface print:hidden"
    >
      <LayoutList className="size-3.5" aria-hidden />
      Add to board <span className="sr-only">({name})</span>
    </Link>
  );
}
