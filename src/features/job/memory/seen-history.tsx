import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { historyLines } from '../../../job/history-words';
import { formatDateTime, type ZoneChoice } from '../../../job/time';
import type { HistoryResponse } from '../../../lib/memory-api';

/** Changes listed when the history is long: the latest ones, the rest behind "Show all". */
export const HISTORY_SHOWN = 5;

/** "Seen by this dashboard": each change the server observed, its time in the page's zone. */
export function SeenHistory({ history, zone }: { history: HistoryResponse; zone: ZoneChoice }) {
  const [all, setAll] = useState(false);
  const lines = historyLines(history);
  // One line more than the cut would be hidden behind a line of its own: show it instead.
  const hidden = all || lines.length <= HISTORY_SHOWN + 1 ? 0 : lines.length - HISTORY_SHOWN;
  return (
    <div className="min-w-0">
      <h2 id="seen-history-title" className="text-sm font-semibold">
        Seen by this dashboard{' '}
        <span className="font-normal text-ink-muted">
          · {lines.length} {lines.length === 1 ? 'change' : 'changes'}
          {history.truncated ? ', older ones dropped by the limit per job' : ''}
        </span>
      </h2>
      <ol className="mt-1 space-y-0.5 text-sm" aria-labelledby="seen-history-title">
        {hidden > 0 ? (
          <li className="flex flex-wrap items-center gap-2 text-ink-muted italic">
            {hidden} earlier {hidden === 1 ? 'change' : 'changes'} not shown
            <Button size="sm" variant="ghost" onClick={() => setAll(true)}>
              Show all {lines.length}
            </Button>
          </li>
        ) : null}
        {lines.slice(hidden).map((line, index) => {
          const at = formatDateTime(line.at, zone);
          return (
            <li key={`${line.at}-${index}`} className="flex flex-wrap gap-x-2" data-history-change>
              <time
                dateTime={new Date(line.at).toISOString()}
                className="font-mono whitespace-nowrap"
              >
                {at.text} <span className="text-ink-muted">{at.zone}</span>
              </time>
              <span className="min-w-0 break-words">{line.text}</span>
              {line.viewer ? <span className="text-ink-muted">· seen by {line.viewer}</span> : null}
            </li>
          );
        })}
      </ol>
      {all && lines.length > HISTORY_SHOWN + 1 ? (
        <Button size="sm" variant="ghost" onClick={() => setAll(false)}>
          Show the last {HISTORY_SHOWN} only
        </Button>
      ) : null}
    </div>
  );
}
