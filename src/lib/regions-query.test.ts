import { describe, expect, it } from 'vitest';
import { regionGroups, regionNameBeside } from './regions-query';

describe('region names', () => {
  it('drops the code from a name shown beside the code', () => {
    expect(regionNameBeside('eu-de', 'Open Telekom Cloud · Germany (eu-de)')).toBe('Open Telekom Cloud · Germany');
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
      { cloud: 'Huawei Cloud', options: [{ id: 'ap-southeast-1', text: 'Hong Kong (ap-southeast-1)' }] },
      { cloud: '', options: [{ id: 'lab', text: 'lab' }] },
    ]);
  });
});
