import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drawFirstStatus, startFirstStatus } from './first-status';
import { fetchJob } from './lib/api-client';
import { takeEarlyAnswer } from './lib/early-answer';

/* The job's status drawn before the app's script, from the answer the server's page preloads. */

const target = { region: 'eu-de', projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'job-1' };
const HREF = `/api/eu-de/v1/${target.projectId}/sfs-turbo/jobs/job-1`;

function jobPage(href: string | null = HREF) {
  document.head.replaceChildren();
  document.body.replaceChildren();
  if (href !== null) {
    const link = document.createElement('link');
    link.setAttribute('rel', 'preload');
    link.setAttribute('as', 'fetch');
    link.setAttribute('href', href);
    document.head.append(link);
  }
  const root = document.createElement('div');
  root.id = 'root';
  document.body.append(root);
  return root;
}

function answering(status: number, body: string) {
  const fetch = vi.fn(async (_url: RequestInfo | URL) => new Response(body, { status }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** Until the script has read the answer and drawn (or decided not to). */
const drawn = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  // Whatever an earlier test handed over and nobody took.
  takeEarlyAnswer(HREF);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the status before the script', () => {
  it("draws the job's status, type and IDs from the preloaded answer, and hands that answer to the app", async () => {
    const root = jobPage();
    const body = JSON.stringify({ job_id: 'job-1', status: 'running', job_type: 'extend_share' });
    const fetch = answering(200, body);
    startFirstStatus();
    await drawn();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0]?.[0])).toBe(`http://localhost:3000${HREF}`);
    const page = root.querySelector('[data-first-status]');
    expect(
      page?.querySelector('[data-status="running"] > span:not([aria-hidden])')?.textContent,
    ).toBe('Running');
    expect(page?.textContent).toContain('Expand capacity (extend_share)');
    for (const id of Object.values(target)) expect(page?.textContent).toContain(id);

    // The app's first request for the job takes that answer, whole, and asks nothing.
    const job = await fetchJob(target);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(job.raw).toBe(body);
    expect(job.job.status).toBe('running');
    // Only once: the next request (a poll) asks the server.
    await fetchJob(target);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('sets what the answer says as text, never as HTML', async () => {
    const root = jobPage();
    const evil = '<img src=x onerror="window.hacked=1">';
    answering(200, JSON.stringify({ status: evil, job_type: evil }));
    startFirstStatus();
    await drawn();
    expect(root.querySelector('[data-first-status]')?.textContent).toContain(evil);
    expect(root.querySelector('img')).toBeNull();
  });

  it.each([
    ['a job that is not there', 404, JSON.stringify({ errCode: 'SFS.TURBO.0005' })],
    ['a body that is not JSON', 200, '<html>'],
    ['a body that is not an object', 200, '"running"'],
    ['a status that is not a string', 200, JSON.stringify({ status: 3 })],
  ])('leaves %s to the app to explain, and still hands the answer on', async (_, status, body) => {
    const root = jobPage();
    const fetch = answering(status, body);
    startFirstStatus();
    await drawn();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(root.childElementCount).toBe(0);
    await fetchJob(target).catch(() => undefined);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('draws nothing once the app has drawn the page', async () => {
    const root = jobPage();
    root.append(document.createElement('main'));
    answering(200, JSON.stringify({ status: 'success' }));
    startFirstStatus();
    await drawn();
    expect(root.querySelector('[data-first-status]')).toBeNull();
  });

  it('asks for nothing on a page without a job (no preload)', async () => {
    jobPage(null);
    const fetch = answering(200, '{}');
    startFirstStatus();
    await drawn();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('names an undocumented status form the way the card does', () => {
    const page = drawFirstStatus(target, { status: 'FAIL' });
    expect(page.querySelector('[data-status="failed"]')?.textContent).toBe('Failed (FAIL)');
  });
});
