import { defineConfig } from 'vitest/config';

// `npm run test:contract`: the ShowJobDetail contract against a real endpoint (needs
// credentials; see server/simulator/contract.cloud-test.ts). Not part of `npm test`.
export default defineConfig({
  test: {
    name: 'cloud',
    environment: 'node',
    include: ['server/**/*.cloud-test.ts'],
    testTimeout: 30_000,
  },
});
