import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Which Chromium to drive: `CHROMIUM_PATH` if set, else Debian's package where it is
 * installed (machines that cannot download Playwright's build), else Playwright's own.
 */
export function chromiumExecutable(): string | undefined {
  const explicit = process.env.CHROMIUM_PATH?.trim();
  if (explicit) return explicit;
  if (existsSync(chromium.executablePath())) return undefined;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return undefined;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
