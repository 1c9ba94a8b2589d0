import { createRequire } from 'node:module';
import type { ChalkInstance } from 'chalk';

export type Colors = ChalkInstance;

export interface ColorRequest {
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
  /** `--color` (true) or `--no-color` (false); undefined when neither was passed. */
  flag: boolean | undefined;
  /** Machine-readable output (JSON, CSV, paths) is never coloured. */
  machine?: boolean;
}

/**
 * Decide the colour level once: flags first, then FORCE_COLOR, NO_COLOR (which chalk
 * ignores), TERM=dumb, and finally whether the output is a terminal.
 */
export function colorLevel(req: ColorRequest): 0 | 1 | 2 | 3 {
  if (req.machine) return 0;
  if (req.flag === false) return 0;
  const force = req.env.FORCE_COLOR;
  if (req.flag === true) return forcedLevel(force);
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return 0;
    return forcedLevel(force);
  }
  if (req.env.NO_COLOR !== undefined && req.env.NO_COLOR !== '') return 0;
  if (req.env.TERM === 'dumb') return 0;
  if (!req.isTTY) return 0;
  return terminalLevel(req.env);
}

function forcedLevel(force: string | undefined): 1 | 2 | 3 {
  if (force === '2') return 2;
  if (force === '3') return 3;
  return 1;
}

function terminalLevel(env: ColorRequest['env']): 1 | 2 | 3 {
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.endsWith('256color')) return 2;
  return 1;
}

/**
 * Whether any output of this run may be coloured (a superset of colorLevel > 0 for stdout and
 * stderr): only then is chalk loaded, so piped and CI runs do not pay for it.
 */
export function mayColor(env: ColorRequest['env'], argv: readonly string[], stdoutIsTTY: boolean, stderrIsTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  return argv.includes('--color') || (force !== undefined && force !== '' && force !== '0' && force !== 'false') || stdoutIsTTY || stderrIsTTY;
}

let chalkClass: typeof import('chalk').Chalk | undefined;

/** Load chalk ahead of makeColors calls with a level above 0 (see mayColor). */
export async function loadColors(): Promise<void> {
  chalkClass ??= (await import('chalk')).Chalk;
}

/** chalk's style names (its modifierNames, foregroundColorNames, backgroundColorNames); a test keeps them in step. */
export const STYLE_NAMES = [
  'reset', 'bold', 'dim', 'italic', 'underline', 'overline', 'inverse', 'hidden', 'strikethrough',
  'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey',
  'blackBright', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright',
  'bgBlack', 'bgRed', 'bgGreen', 'bgYellow', 'bgBlue', 'bgMagenta', 'bgCyan', 'bgWhite', 'bgGray', 'bgGrey',
  'bgBlackBright', 'bgRedBright', 'bgGreenBright', 'bgYellowBright', 'bgBlueBright', 'bgMagentaBright', 'bgCyanBright', 'bgWhiteBright',
] as const;

/** Level 0 without loading chalk: what a chalk instance at level 0 does, for every style and colour model. */
const PLAIN: Colors = (() => {
  const plain = ((...text: unknown[]) => (text.length === 1 ? String(text[0]) : text.join(' '))) as unknown as Record<string, unknown>;
  for (const style of STYLE_NAMES) plain[style] = plain;
  for (const model of ['rgb', 'hex', 'ansi256', 'bgRgb', 'bgHex', 'bgAnsi256']) plain[model] = () => plain;
  // chalk prints `visible` text only when it colours.
  plain.visible = () => '';
  plain.level = 0;
  return plain as unknown as Colors;
})();

/** One chalk instance with an explicit level; never chalk's global default. */
export function makeColors(level: 0 | 1 | 2 | 3): Colors {
  if (level === 0) return PLAIN;
  // Not loaded ahead (an in-process caller): Node 20.19 and later can require chalk's ES module.
  chalkClass ??= (createRequire(import.meta.url)('chalk') as typeof import('chalk')).Chalk;
  return new chalkClass({ level });
}
