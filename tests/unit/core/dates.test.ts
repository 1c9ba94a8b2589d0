import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate, parseDateArgument, zonedWallClockToEpoch } from '../../../src/core/dates.js';

describe('parseDate', () => {
  it('keeps wall-clock time as written and reads it in the given timezone', () => {
    const r = parseDate('2025-03-31 21:17:31', 'Asia/Shanghai');
    expect(r.ok && r.date.iso).toBe('2025-03-31T21:17:31+08:00');
    expect(r.ok && new Date(r.date.epochMs).toISOString()).toBe('2025-03-31T13:17:31.000Z');
  });

  it('without a configured timezone, the ISO form stays wall-clock (no offset invented)', () => {
    const r = parseDate('2025-03-31 21:17:31');
    expect(r.ok && r.date.iso).toBe('2025-03-31T21:17:31');
    expect(r.ok && r.date.offsetMinutes).toBe(null);
  });

  it.each([
    ['2025-02-10T09:30:00+08:00', '2025-02-10T09:30:00+08:00', '2025-02-10T01:30:00.000Z'],
    ['2013-05-06 10:04:00 -0500', '2013-05-06T10:04:00-05:00', '2013-05-06T15:04:00.000Z'],
    ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z'],
    ['2024-01-01 08:00 +0530', '2024-01-01T08:00:00+05:30', '2024-01-01T02:30:00.000Z'],
  ])('an offset in the text wins over the timezone: %s', (raw, iso, utc) => {
    const r = parseDate(raw, 'America/New_York');
    expect(r.ok && r.date.iso).toBe(iso);
    expect(r.ok && new Date(r.date.epochMs).toISOString()).toBe(utc);
  });

  it.each([
    ['2025-03-31', false],
    ['2025/3/1', false],
    ['2025-03-31 21:17', true],
    ['2025-03-31T21:17:31.250', true],
  ])('accepts %s', (raw, hasTime) => {
    const r = parseDate(raw, 'UTC');
    expect(r.ok).toBe(true);
    expect(r.ok && r.date.hasTime).toBe(hasTime);
  });

  it.each([
    ['2025-02-30', 'February 2025 has 28 days, not 30'],
    ['2024-02-30', 'February 2024 has 29 days, not 30'],
    ['2023-02-29', 'February 2023 has 28 days, not 29'],
    ['2025-13-01', 'month 13 does not exist'],
    ['2025-00-10', 'month 0 does not exist'],
    ['2025-04-31', 'April 2025 has 30 days, not 31'],
    ['2025-03-31 24:00:00', 'hour 24 does not exist'],
    ['2025-03-31 12:60', 'minute 60 does not exist'],
    ['2025-03-31 12:00:00 +1500', 'impossible UTC offset'],
    ['2023-01-29 18:30:22 2023 -0800', 'is not a date'],
    ['next tuesday', 'is not a date'],
  ])('rejects %s instead of rolling it over', (raw, message) => {
    const r = parseDate(raw, 'UTC');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it('accepts Feb 29 in a leap year, including 2000', () => {
    expect(parseDate('2000-02-29', 'UTC').ok).toBe(true);
    expect(parseDate('1900-02-29', 'UTC').ok).toBe(false);
  });
});

describe('zonedWallClockToEpoch', () => {
  it('handles DST: New York 2024-07-01 12:00 is UTC-4, 2024-12-01 12:00 is UTC-5', () => {
    const w = { year: 2024, month: 7, day: 1, hour: 12, minute: 0, second: 0, millisecond: 0 };
    expect(new Date(zonedWallClockToEpoch(w, 'America/New_York')).toISOString()).toBe('2024-07-01T16:00:00.000Z');
    expect(new Date(zonedWallClockToEpoch({ ...w, month: 12 }, 'America/New_York')).toISOString()).toBe('2024-12-01T17:00:00.000Z');
  });
});

describe('parseDateArgument', () => {
  it('a bare --until day includes the whole day', () => {
    const until = parseDateArgument('2025-03-31', 'Asia/Shanghai', true);
    expect(until && new Date(until.epochMs).toISOString()).toBe('2025-03-31T15:59:59.999Z');
  });
  it('an impossible day is refused', () => {
    expect(parseDateArgument('2025-02-30', 'UTC', false)).toBeUndefined();
  });
});

describe('parseDate reads `YYYY-MM-DD[ HH:mm:ss]` without its regex, with the same result', () => {
  // The same date written with `/` goes through the regex (its separator is `-` or `/`): both
  // must give the same fields, ISO form, instant and kind of answer.
  const viaRegex = (text: string): string => text.replace(/^(.{4})-(.{2})-/, '$1/$2/');
  const same = (text: string, timeZone?: string): void => {
    const fast = parseDate(text, timeZone);
    const slow = parseDate(viaRegex(text), timeZone);
    if (fast.ok && slow.ok) expect({ ...fast.date, raw: '' }, text).toEqual({ ...slow.date, raw: '' });
    else expect(fast.ok, text).toBe(slow.ok);
    if (fast.ok) expect(fast.date.raw).toBe(text);
  };

  it('on random texts of that shape, digits or not, real dates or not', () => {
    const ch = fc.constantFrom('0', '1', '2', '3', '5', '9', 'a', ' ', '-', ':', '+', '０');
    const digits = (n: number) => fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '9'), { minLength: n, maxLength: n }).map((a) => a.join(''));
    const shaped = fc
      .tuple(digits(4), digits(2), digits(2), fc.boolean(), fc.constantFrom(' ', 'T'), digits(2), digits(2), digits(2), fc.nat(19), ch)
      .map(([y, mo, d, time, sep, h, mi, s, at, c]) => {
        const text = time ? `${y}-${mo}-${d}${sep}${h}:${mi}:${s}` : `${y}-${mo}-${d}`;
        // Sometimes one character is changed.
        return at < text.length && c !== '０' ? text.slice(0, at) + c + text.slice(at + 1) : text;
      });
    fc.assert(
      fc.property(shaped, fc.constantFrom(undefined, 'Asia/Shanghai', 'America/New_York'), (text, timeZone) => same(text, timeZone)),
      { numRuns: 3000 },
    );
  });

  it('on the edges: leap days, year 0, the last second, padding spaces', () => {
    for (const text of ['2024-02-29 23:59:59', '2023-02-29', '0000-01-01', '0099-12-31 00:00:00', '9999-12-31 23:59:59', '2025-13-01', '2025-00-10', '2025-01-00', '2025-01-01 24:00:00', '2025-01-01 23:60:00', '2025-01-01 23:59:60', '  2025-03-31 21:17:31 ']) same(text);
  });
});
