import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anchor, END, START } from '../../scripts/config-table.ts';
import { loadAppConfig } from './app-config.ts';
import { VARIABLES, type Env } from './variables.ts';

const REGISTERED = Object.keys(VARIABLES).sort();
const read = (file: string) => readFileSync(path.resolve(file), 'utf8');

/** The rows of every Markdown table whose first header cell is "variable". */
function variableTables(markdown: string): string[][] {
  const rows: string[][] = [];
  let inTable = false;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      inTable = false;
      continue;
    }
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replace(/\s+/g, ' '));
    if (cells[0] === 'variable') inTable = true;
    else if (inTable && !/^-+$/.test(cells[0] ?? '')) rows.push(cells);
  }
  return rows;
}

/** The variable names a table's first column holds (`A`, `B` / `C` in one cell). */
const namesIn = (rows: string[][]) =>
  [
    ...new Set(
      rows.flatMap((row) =>
        [...(row[0] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] ?? ''),
      ),
    ),
  ].sort();

describe('every variable the server reads is documented', () => {
  const doc = read('docs/configuration.md');

  it('docs/configuration.md lists exactly the registered variables, as the registry says them', () => {
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start, 'the generated table markers').toBeGreaterThan(0);
    const rows = variableTables(doc.slice(start, end));
    const expected = Object.entries(VARIABLES).map(([name, variable]) => [
      `\`${name}\``,
      variable.meaning,
      variable.default,
      `[${variable.section}](#${anchor(variable.section)})`,
    ]);
    // On a difference: `npm run docs:config` rewrites the table from the registry.
    expect(rows).toEqual(expected);
  });

  it("names only registered variables in the docs' and README's variable tables, and all of them", () => {
    expect(namesIn(variableTables(doc))).toEqual(REGISTERED);
    expect(namesIn(variableTables(read('README.md')))).toEqual(REGISTERED);
    const deployment = namesIn(variableTables(read('docs/deployment.md')));
    expect(deployment.filter((name) => !(name in VARIABLES))).toEqual([]);
  });

  it('links each variable to a section of docs/configuration.md that exists', () => {
    const headings = new Set([...doc.matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1] ?? '')));
    for (const variable of Object.values(VARIABLES)) {
      expect(headings).toContain(anchor(variable.section));
    }
  });
});

describe('the loaders read registered variables only', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'variables-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cloudsYaml = path.join(dir, 'clouds.yaml');
  writeFileSync(cloudsYaml, 'clouds:\n  otc:\n    auth:\n      token: cloud-token-value\n');

  /** The environment as a recorder: every name asked for, set or not. */
  function recorder(env: Record<string, string>): { env: Env; asked: Set<string> } {
    const asked = new Set<string>();
    const proxy = new Proxy(env, {
      get(target, name) {
        if (typeof name === 'string') asked.add(name);
        return Reflect.get(target, name);
      },
    });
    return { env: proxy, asked };
  }

  const configurations: Array<Record<string, string>> = [
    {},
    { AUTH_MODE: 'header', AUTH_LOGOUT_URL: '/sign-out' },
    {
      AUTH_MODE: 'oidc',
      PUBLIC_URL: 'https://jobs.example.com',
      OIDC_ISSUER_URL: 'https://sso.example.com',
      OIDC_CLIENT_ID: 'sfs',
      SESSION_SECRET: 'a-session-secret-of-enough-length-0123456789',
      SESSION_MAX_AGE: '8h',
    },
    { OS_USERNAME: 'alice', OS_PASSWORD: 'pw', OS_USER_DOMAIN_ID: 'd1' },
    { OS_CLOUD: 'otc', OS_CLIENT_CONFIG_FILE: cloudsYaml },
  ];

  it('asks for no name outside the registry, and for every name in it in some configuration', () => {
    const all = new Set<string>();
    for (const configuration of configurations) {
      const { env, asked } = recorder(configuration);
      loadAppConfig(env);
      expect([...asked].filter((name) => !(name in VARIABLES))).toEqual([]);
      for (const name of asked) all.add(name);
    }
    expect([...all].sort()).toEqual(REGISTERED);
  });
});
