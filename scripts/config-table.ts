/**
 * `npm run docs:config`: writes the table of every variable in docs/configuration.md from
 * the registry the server reads through (server/config/variables.ts), so that the two cannot
 * drift; server/config/variables.test.ts fails when they do.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { VARIABLES } from '../server/config/variables.ts';

export const DOC = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));
export const START =
  '<!-- Generated from server/config/variables.ts by `npm run docs:config`: edit there. -->';
export const END = '<!-- End of the generated table. -->';

/** The heading's anchor, as GitHub makes it. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

export function variablesTable(): string {
  const rows = Object.entries(VARIABLES).map(
    ([name, variable]) =>
      `| \`${name}\` | ${variable.meaning} | ${variable.default} | [${variable.section}](#${anchor(variable.section)}) |`,
  );
  return ['| variable | meaning | default | see |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = readFileSync(DOC, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOC} has no generated table markers`);
  const next = `${text.slice(0, start + START.length)}\n\n${variablesTable()}\n\n${text.slice(end)}`;
  writeFileSync(DOC, await format(next, { filepath: DOC }));
}
