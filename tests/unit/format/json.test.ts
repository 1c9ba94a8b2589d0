import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson, formatJsonStream } from '../../../src/format/json.js';

const streamed = (value: unknown): string => [...formatJsonStream(value)].join('');

describe('formatJsonStream: formatJson in pieces', () => {
  it('gives the same bytes as formatJson for any JSON value, long arrays included (fast-check)', () => {
    const long = fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 60, maxLength: 140 });
    const value = fc.oneof(fc.jsonValue(), long, fc.dictionary(fc.string(), fc.oneof(long, fc.jsonValue())), fc.record({ runs: fc.array(fc.record({ results: long, tool: fc.jsonValue() }), { maxLength: 2 }) }));
    fc.assert(
      fc.property(value, (v) => {
        expect(streamed(v)).toBe(formatJson(v));
      }),
      { numRuns: 300 },
    );
  });

  it('what JSON.stringify leaves out or turns into null is treated alike; a long array comes in many pieces', () => {
    const v = { a: undefined, b: Array.from({ length: 70 }, (_, i) => (i % 3 === 0 ? undefined : i % 3 === 1 ? { d: new Date(0), u: undefined } : 'x')), c: [] };
    expect(streamed(v)).toBe(formatJson(v));
    expect([...formatJsonStream(v)].length).toBeGreaterThan(70);
    expect([...formatJsonStream({ short: [1, 2, 3] })]).toEqual([formatJson({ short: [1, 2, 3] }).slice(0, -1), '\n']);
  });
});
