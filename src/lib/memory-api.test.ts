import { afterEach, describe, expect, it, vi } from 'vitest';
import { historyApiPath } from '../../common/contract';
import { history, memoryTarget, watch } from '../test/memory-fixtures';
import {
  createWatch,
  deleteWatch,
  fetchHistory,
  fetchNotifyTargets,
  fetchWatches,
} from './memory-api';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the history of a job', () => {
  it('asks the contract path and reads every field, ignoring fields a newer server adds', async () => {
    const fetchMock = answer(200, {
      ...history(),
      extra: 1,
      changes: history().changes.map((c) => ({ ...c, note: 'x' })),
    });
    const read = await fetchHistory(memoryTarget);
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(
      historyApiPath(memoryTarget.region, memoryTarget.projectId, memoryTarget.jobId),
    );
    expect(read).toEqual(history());
  });

  it('leaves out fact names this page cannot word rather than refusing the history', async () => {
    const body = history();
    body.changes[1] = { ...body.changes[1]!, changed: ['subJobs', 'colour' as 'status'] };
    answer(200, body);
    const read = await fetchHistory(memoryTarget);
    expect(read?.changes[1]?.changed).toEqual(['subJobs']);
  });

  it('is nothing when the server saw nothing, or is an older server without memory', async () => {
    answer(404, { errCode: 'PROXY.NOT_FOUND', errMsg: 'no such route' });
    await expect(fetchHistory(memoryTarget)).resolves.toBeNull();
    answer(404, { errCode: 'SFS.TURBO.HISTORY', errMsg: 'never seen' });
    await expect(fetchHistory(memoryTarget)).resolves.toBeNull();
  });

  it('refuses a body that is not a history, saying where it differs', async () => {
    answer(200, { ...history(), latest: { at: 'yesterday', requestId: null, body: {} } });
    await expect(fetchHistory(memoryTarget)).rejects.toMatchObject({
      kind: 'unexpected',
      message: expect.stringMatching(
        /not the dashboard's history of a job \(latest\.at: Expected an ISO 8601 time\)/,
      ),
    });
    answer(200, {
      ...history(),
      changes: [{ ...history().changes[0], facts: { subJobs: { running: -1 } } }],
    });
    await expect(fetchHistory(memoryTarget)).rejects.toMatchObject({
      message: expect.stringContaining('changes.0.facts.subJobs'),
    });
  });

  it('passes other failures on as they are (403 of the access rules)', async () => {
    answer(403, { errCode: 'PROXY.FORBIDDEN', errMsg: 'not on the list' });
    await expect(fetchHistory(memoryTarget)).rejects.toMatchObject({
      kind: 'forbidden',
      status: 403,
    });
  });
});

describe('destinations and watches', () => {
  it('reads destinations by name and kind, and none from a server without memory', async () => {
    answer(200, { targets: [{ name: 'inc-channel', kind: 'slack', url: 'ignored' }] });
    await expect(fetchNotifyTargets()).resolves.toEqual({
      targets: [{ name: 'inc-channel', kind: 'slack' }],
    });
    answer(404, { errCode: 'PROXY.NOT_FOUND', errMsg: 'no such route' });
    await expect(fetchNotifyTargets()).resolves.toEqual({ targets: [] });
    answer(200, { targets: [{ name: 'x', kind: 'email' }] });
    await expect(fetchNotifyTargets()).rejects.toMatchObject({ kind: 'unexpected' });
  });

  it('reads the watches, and refuses one of an unknown state', async () => {
    answer(200, { watches: [watch()] });
    await expect(fetchWatches()).resolves.toEqual({ watches: [watch()] });
    answer(200, { watches: [{ ...watch(), state: 'sleeping' }] });
    await expect(fetchWatches()).rejects.toMatchObject({
      message: expect.stringContaining('watches.0.state'),
    });
  });

  it('starts a watch with a JSON POST and reads the watch back', async () => {
    const fetchMock = answer(201, watch());
    const request = { ...memoryTarget, target: 'inc-channel', subJobFailures: true };
    await expect(createWatch(request)).resolves.toEqual(watch());
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(String(url)).toBe('/api/watches');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual(request);
  });

  it('says why a watch was refused (a destination that is not configured)', async () => {
    answer(400, { errCode: 'PROXY.BAD_REQUEST', errMsg: 'unknown target "nope"' });
    await expect(createWatch({ ...memoryTarget, target: 'nope' })).rejects.toMatchObject({
      status: 400,
      code: 'PROXY.BAD_REQUEST',
      message: 'unknown target "nope"',
    });
  });

  it('stops a watch with DELETE, its 204 carrying no body', async () => {
    const fetchMock = answer(204, null);
    await expect(deleteWatch('w 1')).resolves.toBeUndefined();
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/watches/w%201');
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe('DELETE');
  });
});
