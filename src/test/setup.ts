import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// findBy* and waitFor wait for a condition; their default limit of 1 s made them a test of the
// machine's speed (a job card drawn in 1.2 s at load 25 failed). Just under the 5 s test limit,
// so that a missing element still fails with the query's own explanation.
configure({ asyncUtilTimeout: 4_000 });

// Warnings and errors in the console fail tests: they are bugs we have not looked at yet.
beforeEach(() => {
  for (const method of ['error', 'warn'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      throw new Error(`console.${method} during test: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
