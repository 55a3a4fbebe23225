import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RegionsResponse } from '../../common/contract';
import { ApiError } from './api-error';
import { fetchRegions, regionGroups, regionNameBeside } from './regions-query';

afterEach(() => vi.unstubAllGlobals());

const REGIONS: RegionsResponse = {
  regions: [{ id: 'eu-de', name: 'Open Telekom Cloud · Germany (eu-de)', cloud: 'otc' }],
  otherRegions: ['eu-nl'],
  defaultRegion: 'eu-de',
  simulated: false,
  credentials: { kind: 'aksk' },
  endpointOverride: false,
  demoJobs: [],
};

function answer(response: Response) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => response),
  );
}

describe('fetchRegions', () => {
  it('reads the region list the server sends', async () => {
    answer(Response.json(REGIONS));
    expect(await fetchRegions()).toEqual(REGIONS);
  });

  it('fails with an ApiError, never a plain Error, when the server refuses or answers something else', async () => {
    answer(Response.json({ errCode: 'PROXY.INTERNAL', errMsg: 'broken' }, { status: 500 }));
    const refused = await fetchRegions().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({
      kind: 'upstream',
      status: 500,
      code: 'PROXY.INTERNAL',
      message: 'broken',
    });

    answer(Response.json({ ...REGIONS, credentials: { kind: 'root' } }));
    const odd = await fetchRegions().catch((error: unknown) => error);
    expect(odd).toBeInstanceOf(ApiError);
    expect(odd).toMatchObject({ kind: 'unexpected', status: 200 });
    expect((odd as ApiError).message).toMatch(
      /^The answer is JSON but not the dashboard server's region list \(credentials\.kind: /,
    );
  });

  it('says "unreachable" when no answer comes', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(fetchRegions()).rejects.toMatchObject({
      name: 'ApiError',
      kind: 'unreachable',
      status: 0,
    });
  });
});

describe('region names', () => {
  it('drops the code from a name shown beside the code', () => {
    expect(regionNameBeside('eu-de', 'Open Telekom Cloud · Germany (eu-de)')).toBe(
      'Open Telekom Cloud · Germany',
    );
    expect(regionNameBeside('eu-de', 'Somewhere (eu-nl)')).toBe('Somewhere (eu-nl)');
    expect(regionNameBeside('eu-de', undefined)).toBeUndefined();
  });

  it('groups a drop-down by cloud, each option short', () => {
    expect(
      regionGroups([
        { id: 'eu-de', name: 'Open Telekom Cloud · Germany (eu-de)' },
        { id: 'ap-southeast-1', name: 'Huawei Cloud · Hong Kong (ap-southeast-1)' },
        { id: 'eu-nl', name: 'Open Telekom Cloud · Netherlands (eu-nl)' },
        { id: 'lab', name: 'lab' },
      ]),
    ).toEqual([
      {
        cloud: 'Open Telekom Cloud',
        options: [
          { id: 'eu-de', text: 'Germany (eu-de)' },
          { id: 'eu-nl', text: 'Netherlands (eu-nl)' },
        ],
      },
      {
        cloud: 'Huawei Cloud',
        options: [{ id: 'ap-southeast-1', text: 'Hong Kong (ap-southeast-1)' }],
      },
      { cloud: '', options: [{ id: 'lab', text: 'lab' }] },
    ]);
  });
});
