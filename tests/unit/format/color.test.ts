/** Level 0 is served without loading chalk; it must do exactly what chalk does at level 0. */
import { Chalk, backgroundColorNames, foregroundColorNames, modifierNames } from 'chalk';
import { describe, expect, it } from 'vitest';
import { makeColors, STYLE_NAMES } from '../../../src/format/color.js';

describe('makeColors(0)', () => {
  const plain = makeColors(0) as unknown as Record<string, (...a: unknown[]) => unknown>;
  const chalk = new Chalk({ level: 0 }) as unknown as Record<string, (...a: unknown[]) => unknown>;

  it('knows every style chalk has', () => {
    expect([...STYLE_NAMES].sort()).toEqual([...modifierNames, ...foregroundColorNames, ...backgroundColorNames].sort());
  });

  it('gives what chalk gives at level 0, for every style, chained, and for odd arguments', () => {
    const args: unknown[][] = [['text'], ['a', 'b'], [], [undefined], [1], ['中文 🚀']];
    for (const name of [...STYLE_NAMES, 'visible']) {
      for (const a of args) {
        expect((plain[name] as (...x: unknown[]) => unknown)(...a), `${name}(${JSON.stringify(a)})`).toBe((chalk[name] as (...x: unknown[]) => unknown)(...a));
        const chained = (plain[name] as unknown as Record<string, (...x: unknown[]) => unknown>).bold;
        const chalkChained = (chalk[name] as unknown as Record<string, (...x: unknown[]) => unknown>).bold;
        if (name !== 'visible') expect((chained as (...x: unknown[]) => unknown)(...a)).toBe((chalkChained as (...x: unknown[]) => unknown)(...a));
      }
    }
    for (const [model, arg] of [['hex', '#ff0000'], ['bgHex', '#00ff00'], ['rgb', 1], ['ansi256', 12]] as const) {
      const p = (plain[model] as (...x: unknown[]) => (t: string) => string)(arg, 2, 3)('x');
      const c = (chalk[model] as (...x: unknown[]) => (t: string) => string)(arg, 2, 3)('x');
      expect(p, model).toBe(c);
    }
    expect((plain as unknown as { level: number }).level).toBe(0);
  });
});
