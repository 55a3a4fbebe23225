// Its own module: the job card links to timeline rows, and importing rows.ts for this would
// bring the timeline's row building into the job page's first load (decision 0006).
export function domIdOf(item: { isJob: boolean; sourceIndex: number }): string {
  return item.isJob ? 'timeline-row-job' : `timeline-row-${item.sourceIndex}`;
}
