import type { Diagnostic } from '../core/diagnostic.js';
import { jsonSafe } from './text.js';

/** One JSON document, two-space indented, with a final newline. */
export function formatJson(value: unknown): string {
  return `${jsonSafe(JSON.stringify(value, null, 2))}\n`;
}

/**
 * formatJson's text, byte for byte, given out in pieces: a long array an item at a time, so that
 * no string of the whole document is made (`lint --format sarif` of 61,000 findings peaked at
 * 290-430 MB). For plain data (what the formats make: no toJSON, no cycles).
 */
export function* formatJsonStream(value: unknown): Iterable<string> {
  yield* jsonPieces(value, '');
  yield '\n';
}

/** Arrays this long are given out an item at a time; shorter values as one JSON.stringify. */
const STREAMED = 64;

function* jsonPieces(value: unknown, pad: string): Generator<string> {
  if (!isLarge(value)) {
    yield jsonSafe((JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${pad}`));
    return;
  }
  const inner = `${pad}  `;
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      yield `${i ? ',' : ''}\n${inner}`;
      yield* jsonPieces(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, inner);
    }
    yield `\n${pad}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i] as [string, unknown];
    yield `${i ? ',' : ''}\n${inner}${jsonSafe(JSON.stringify(key))}: `;
    yield* jsonPieces(v, inner);
  }
  yield `\n${pad}}`;
}

/** Whether a value holds an array long enough to be given out in pieces (objects and arrays are looked into). */
function isLarge(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 4) return false;
  if (Array.isArray(value)) return value.length >= STREAMED || value.some((v) => isLarge(v, depth + 1));
  return Object.values(value as Record<string, unknown>).some((v) => isLarge(v, depth + 1));
}

/** A problem as `list`, `tags` and `stats` print it in JSON: `{path, line, col, severity, code, message, hint?}` (line and col 1 for the whole file). */
export function jsonDiagnostic(d: Diagnostic): Record<string, unknown> {
  return { path: d.path, line: d.line || 1, col: d.col || 1, severity: d.severity, code: d.rule, message: d.message, ...(d.hint ? { hint: d.hint } : {}) };
}

/** An entry the walk skipped, in JSON: `{path, reason}`. */
export function skippedJson(d: Diagnostic): { path: string; reason: string } {
  return { path: d.path, reason: d.message };
}
