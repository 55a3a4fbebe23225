import { describe, expect, it } from 'vitest';
import { boardPngFileName, pngFileName } from './file-name';

describe('pngFileName', () => {
  it('names the job and the UTC time of the picture', () => {
    expect(
      pngFileName('7c0e2a8e-done-4f00-9a00-000000000002', Date.UTC(2026, 10, 9, 5, 4, 3)),
    ).toBe('sfs-turbo-job-7c0e2a8e-done-4f00-9a00-000000000002-20261109-050403Z.png');
  });

  it('keeps the case of the ID and pads every field', () => {
    expect(pngFileName('26f6b565-demo-DOCS-exam-03f0bd975433', Date.UTC(2027, 0, 1, 0, 0, 0))).toBe(
      'sfs-turbo-job-26f6b565-demo-DOCS-exam-03f0bd975433-20270101-000000Z.png',
    );
  });

  it('never lets path characters into the name', () => {
    expect(pngFileName('../a b/c', 0)).toBe('sfs-turbo-job-___a_b_c-19700101-000000Z.png');
    expect(pngFileName('', 0)).toBe('sfs-turbo-job-unknown-19700101-000000Z.png');
  });
});

describe('board PNG file name', () => {
  it('carries the title, safe for any file system, and the UTC time', () => {
    const at = Date.UTC(2026, 10, 30, 9, 5, 7);
    expect(boardPngFileName('INC-42: resize / SG <script>', at)).toBe(
      'sfs-turbo-board-INC-42-resize-SG-script-20261130-090507Z.png',
    );
    expect(boardPngFileName('', at)).toBe('sfs-turbo-board-20261130-090507Z.png');
  });
});
