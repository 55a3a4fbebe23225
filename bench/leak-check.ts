/**
 * What the leak check costs a poll: a job body (2 kB) and a request ID checked against a
 * password and a token of realistic size (an Open Telekom Cloud PKI token is several kB), and
 * against an AK/SK signer's three secrets. Prints microseconds per answer.
 *
 *   npx tsx bench/leak-check.ts
 */
import { randomBytes } from 'node:crypto';
import { leakCheck, sentSecrets } from '../server/credentials/leak-check.ts';

const job = Buffer.from(
  JSON.stringify({
    job_id: '26f6b565-xxxx-XXXX-xxxx-03f0bd975433',
    status: 'running',
    sub_jobs: Array.from({ length: 12 }, (_, i) => ({
      job_id: `sub-${i}`,
      status: 'success',
      begin_time: '2024-05-01 10:00:00',
    })),
  }),
);
const cases = {
  'password + 4 kB token': {
    held: ['desk-Pa55-word'],
    sent: { 'X-Auth-Token': `MIIE${randomBytes(3000).toString('base64')}` },
  },
  'AK/SK + signature': {
    held: ['AKEXAMPLE0123456789X', 'SKEXAMPLE-secret-key-0123456789abcdefghijkl'],
    sent: {
      Authorization: `SDK-HMAC-SHA256 Access=AKEXAMPLE0123456789X, SignedHeaders=host;x-sdk-date, Signature=${randomBytes(32).toString('hex')}`,
    },
  },
};

console.log(`| case | first answer (forms worked out), µs | each later answer, µs |`);
console.log(`|---|---|---|`);
for (const [name, { held, sent }] of Object.entries(cases)) {
  const base = leakCheck(held);
  let started = performance.now();
  const first = base.with(sentSecrets(sent));
  first.holdsSecret(job);
  const firstUs = (performance.now() - started) * 1000;
  const rounds = 20_000;
  started = performance.now();
  for (let i = 0; i < rounds; i += 1) {
    const check = base.with(sentSecrets(sent));
    if (check.holdsSecret(job) || check.holdsSecret('req-0123456789abcdef'))
      throw new Error('false positive');
  }
  const eachUs = ((performance.now() - started) * 1000) / rounds;
  console.log(`| ${name} | ${firstUs.toFixed(0)} | ${eachUs.toFixed(1)} |`);
}
