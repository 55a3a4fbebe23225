import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/*
 * The layer rule in eslint.config.js, proven: the project's own ESLint configuration on small
 * in-memory files placed in each layer. Each upward import must be refused by name; a downward
 * one in the same place must pass, so the refusals are not the rule failing on everything.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'import-x/no-restricted-paths')
    .map((message) => message.message);
}

// The first file pays for loading the configuration and walking the import graph (no-cycle).
describe('server layers run down only', { timeout: 120_000 }, () => {
  it.each([
    ['server/net/probe.ts', "export { createApp } from '../http/app.ts';\n", /entry points/],
    [
      'server/credentials/probe.ts',
      "export { createApi } from '../proxy/api.ts';\n",
      /above this one/,
    ],
    [
      'server/credentials/probe.ts',
      "export { sendJson } from '../http/responses.ts';\n",
      /entry points/,
    ],
    [
      'server/auth/probe.ts',
      "export { limitKey } from '../proxy/upstream-limit.ts';\n",
      /side by side/,
    ],
    [
      'server/proxy/probe.ts',
      "export { createApp } from '../http/app.ts';\n",
      /nothing else of server\/http/,
    ],
    ['server/net/probe.ts', "export { loadConfig } from '../config/config.ts';\n", /config/],
    ['server/http/probe.ts', "export { startApp } from '../testing/app.ts';\n", /test harness/],
  ])('refuses %s importing upwards: %s', async (file, source, message) => {
    const errors = await layerErrors(file, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['server/proxy/probe.ts', 'export const port = process.env.PORT;\n'],
    [
      'server/credentials/probe.ts',
      'const { env } = process;\nexport const token = env.OS_TOKEN;\n',
    ],
    ['server/http/probe.ts', "export const dist = process.env['SFS_TURBO_DIST'];\n"],
  ])('refuses %s reading the environment: %s', async (file, source) => {
    const [result] = await eslint.lintText(source, { filePath: file });
    const refusals = (result?.messages ?? []).filter(
      (message) => message.ruleId === 'no-restricted-properties',
    );
    expect(refusals.map((message) => message.message)).toEqual([
      expect.stringMatching(/Only server\/config\/ reads the environment/),
    ]);
  });

  it.each(['server/config/probe.ts', 'server/main.ts', 'server/cli/probe.ts'])(
    'lets %s read the environment',
    async (file) => {
      const [result] = await eslint.lintText('export const port = process.env.PORT;\n', {
        filePath: file,
      });
      expect(
        (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-properties'),
      ).toEqual([]);
    },
  );

  it.each([
    ['server/http/probe.ts', "export { createApi } from '../proxy/api.ts';\n"],
    ['server/proxy/probe.ts', "export { sendJson } from '../http/responses.ts';\n"],
    ['server/proxy/probe.ts', "export { requestUpstream } from '../net/http-client.ts';\n"],
    ['server/credentials/probe.ts', "export { requestUpstream } from '../net/http-client.ts';\n"],
    ['server/auth/probe.ts', "export { loadConfig } from '../config/config.ts';\n"],
  ])('lets %s import downwards: %s', async (file, source) => {
    expect(await layerErrors(file, source)).toEqual([]);
  });
});
