import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
};

/** `node_modules/a/node_modules/@b/c` → `@b/c`. */
const nameOf = (path: string) =>
  path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('a clean first install on npm 11', () => {
  it('has a decision in allowScripts for every dependency with an install script', () => {
    // npm 11 skips unapproved install scripts and ends `npm install` with a warning per package.
    const allowed = manifest.allowScripts ?? {};
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
      .map(([path, entry]) => ({ name: nameOf(path), version: entry.version }));
    expect(withScripts.map((entry) => entry.name)).toContain('esbuild');
    for (const { name, version } of withScripts) {
      expect(
        name in allowed || `${name}@${version}` in allowed,
        `${name}@${version} has an install script and no allowScripts entry`,
      ).toBe(true);
    }
  });
});
