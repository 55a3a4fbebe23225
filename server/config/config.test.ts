import { describe, expect, it } from 'vitest';
import { loadAppConfig } from './app-config.ts';
import { ConfigError, loadConfig } from './config.ts';

describe('the configuration, read once at start', () => {
  it('takes the embedded simulator port from SFS_TURBO_SIMULATOR_PORT, a free one when unset', () => {
    expect(loadConfig({}).simulatorPort).toBe(0);
    expect(loadConfig({ SFS_TURBO_SIMULATOR_PORT: '' }).simulatorPort).toBe(0);
    expect(loadConfig({ SFS_TURBO_SIMULATOR_PORT: ' 6261 ' }).simulatorPort).toBe(6261);
  });

  it.each(['abc', '-1', '70000', '1.5'])(
    'stops the start on SFS_TURBO_SIMULATOR_PORT=%s, naming it',
    (raw) => {
      expect(() => loadConfig({ SFS_TURBO_SIMULATOR_PORT: raw })).toThrow(ConfigError);
      expect(() => loadConfig({ SFS_TURBO_SIMULATOR_PORT: raw })).toThrow(
        /^SFS_TURBO_SIMULATOR_PORT must be a port number/,
      );
    },
  );

  it('reads the credential with the rest: half a credential stops loadAppConfig, naming it', () => {
    expect(() => loadAppConfig({ OS_USERNAME: 'alice' })).toThrow(ConfigError);
    expect(() => loadAppConfig({ OS_USERNAME: 'alice' })).toThrow(
      'OS_USERNAME is set but OS_PASSWORD is not',
    );
  });

  it('describes the credential as plain settings, with where it came from', () => {
    expect(loadAppConfig({}).credentials).toEqual({ kind: 'none' });
    expect(loadAppConfig({ OS_TOKEN: 'token-value-123456' }).credentials).toEqual({
      kind: 'token',
      mechanism: { type: 'token', token: 'token-value-123456', source: 'OS_TOKEN' },
      home: undefined,
    });
  });
});
