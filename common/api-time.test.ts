import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseApiTime } from './api-time';

describe('parseApiTime', () => {
  it('reads the API format as UTC', () => {
    expect(parseApiTime('2023-07-26 09:33:58')).toEqual({
      kind: 'ok',
      ms: Date.UTC(2023, 6, 26, 9, 33, 58),
      raw: '2023-07-26 09:33:58',
    });
  });

  it('accepts ISO 8601 with and without offsets', () => {
    const expected = Date.UTC(2026, 10, 29, 10, 0, 0);
    expect(parseApiTime('2026-11-29T10:00:00Z')).toMatchObject({ kind: 'ok', ms: expected });
    expect(parseApiTime('2026-11-29T11:00:00+01:00')).toMatchObject({ kind: 'ok', ms: expected });
    expect(parseApiTime('2026-11-29T05:30:00-0430')).toMatchObject({ kind: 'ok', ms: expected });
    expect(parseApiTime('2026-11-29T10:00:00.250Z')).toMatchObject({
      kind: 'ok',
      ms: expected + 250,
    });
  });

  it('tells a missing time from a malformed one, keeping the raw text', () => {
    expect(parseApiTime(undefined)).toEqual({ kind: 'missing' });
    expect(parseApiTime('  ')).toEqual({ kind: 'missing' });
    expect(parseApiTime('yesterday')).toEqual({ kind: 'invalid', raw: 'yesterday' });
    expect(parseApiTime('2026-02-30 10:00:00')).toEqual({
      kind: 'invalid',
      raw: '2026-02-30 10:00:00',
    });
    expect(parseApiTime('2026-11-29 24:00:00')).toMatchObject({ kind: 'invalid' });
    expect(parseApiTime('1700000000')).toMatchObject({ kind: 'invalid' });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (text) => {
        const result = parseApiTime(text);
        if (result.kind === 'ok') expect(Number.isFinite(result.ms)).toBe(true);
      }),
    );
  });
});

describe('parseApiTime, property-tested', () => {
  const instant = fc.date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59Z'),
    noInvalidDate: true,
  });

  it('reads back every instant written in the API format or as ISO 8601, to the millisecond it carries', () => {
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom(' ', 'T'),
        fc.boolean(),
        fc.boolean(),
        (date, separator, zulu, millis) => {
          const iso = date.toISOString();
          const text = `${iso.slice(0, 10)}${separator}${iso.slice(11, millis ? 23 : 19)}${zulu ? 'Z' : ''}`;
          const expected = millis ? date.getTime() : Math.floor(date.getTime() / 1000) * 1000;
          expect(parseApiTime(text)).toEqual({ kind: 'ok', ms: expected, raw: text });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('calls a time with an impossible field malformed, never a different time', () => {
    const field = (max: number) => fc.integer({ min: 0, max });
    fc.assert(
      fc.property(
        field(9999),
        field(99),
        field(99),
        field(99),
        field(99),
        field(99),
        (y, mo, d, h, mi, s) => {
          const pad = (value: number, width = 2) => String(value).padStart(width, '0');
          const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
          const result = parseApiTime(text);
          if (result.kind === 'ok') {
            // Only a real calendar time is read, and it is read as written.
            expect(new Date(result.ms).toISOString().slice(0, 19).replace('T', ' ')).toBe(text);
          } else {
            expect(result).toEqual({ kind: 'invalid', raw: text });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on any text, including lone surrogates and very long strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 20_000 })),
        (text) => {
          const result = parseApiTime(text);
          if (result.kind === 'ok') expect(Number.isFinite(result.ms)).toBe(true);
          if (result.kind === 'invalid') expect(result.raw).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
