#!/usr/bin/env node
// Makes sure the Playwright suite has a Chromium to drive, or says exactly what to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const have = () =>
  (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) ||
  existsSync(chromium.executablePath()) ||
  existsSync(DEBIAN_CHROMIUM);

if (have()) process.exit(0);

function attempt(label, command, args) {
  console.log(`ensure-chromium: no Chromium found; trying ${label}…`);
  try {
    execFileSync(command, args, { stdio: 'inherit' });
  } catch {
    console.log(`ensure-chromium: ${label} did not work.`);
  }
  return have();
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  if (
    attempt("Debian's chromium package", 'sh', [
      '-c',
      'apt-get update -qq && apt-get install -y -qq chromium',
    ])
  ) {
    process.exit(0);
  }
}
if (
  attempt("Playwright's own browser", 'npx', ['playwright', 'install', '--with-deps', 'chromium'])
) {
  process.exit(0);
}

console.error(`
ensure-chromium: no Chromium is available for the end-to-end tests. Run one of:
  npx playwright install --with-deps chromium
  sudo apt-get install -y chromium          (Debian/Ubuntu; used from ${DEBIAN_CHROMIUM})
or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
process.exit(1);
