import { Chalk, type ChalkInstance } from 'chalk';

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

/** One chalk instance with an explicit level; never chalk's global default. */
export function makeColors(level: 0 | 1 | 2 | 3): Colors {
  return new Chalk({ level });
}
