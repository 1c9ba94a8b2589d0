/**
 * A fast reader for the common shape of YAML front matter, standalone and pure.
 *
 * It returns exactly what `yaml`'s
 *   parseDocument(content, { schema: 'core', merge: true, uniqueKeys: true }).toJS()
 * returns (YAML 1.2 core schema: dates stay strings, `1.10` is 1.1, `yes` is "yes", `~`/`null`/
 * empty are null, `0x1F` is 31, `.inf` is Infinity, `-0` is -0), or `undefined` whenever the
 * text has anything it does not handle with certainty; the caller then uses the full parser.
 *
 * Handled: a top-level block mapping at column 0 whose keys are plain, single-line and read as
 * strings (`title`, `my key`, `og-image`, `标题`); values that are
 *   - plain scalars on one line (`key: value`, `key: value # comment`),
 *   - single- or double-quoted scalars on one line (`key: 'it''s'`, `key: "a\"b"`; the escapes
 *     \0 \a \b \e \f \n \r \t \v \N \_ \L \P \<space> \" \/ \\ \xXX \uXXXX),
 *   - flow sequences of such scalars on one line (`tags: [a, "b", 'c']`, `[]`),
 *   - block sequences of such scalars (`tags:\n  - a\n  - b`, also at column 0),
 *   - block sequences whose items are block sequences of scalars, one level
 *     (`categories:\n  - - a\n    - b\n  - c`),
 *   - block mappings of the same (`params:\n  a: 1\n  b:\n    c: [x]`), up to 8 levels deep,
 *   - nothing (`key:`: null);
 * blank lines, full-line comments and trailing comments; LF and CRLF line ends.
 *
 * Not handled (undefined): tabs, anchors, aliases, tags, block scalars (| >), multi-line plain
 * or quoted scalars, flow mappings, mappings inside sequences (`- name: x`), quoted keys, complex (`? `),
 * merge keys (`<<`), keys that read as non-strings (`1:`, `null:`, `true:`), duplicate keys,
 * directives and document markers, lone CR, control characters, BOMs, lone surrogates,
 * U+0085/U+2028/U+2029, \U escapes, an empty document, anything else unusual.
 */

/** Returned by the inner readers when the text is outside what this module handles. */
const FAIL: unique symbol = Symbol('fail');
type Fail = typeof FAIL;

/**
 * Whether the text has a character that makes the whole block go to the full parser: a tab, a
 * control character, a CR not followed by LF, C1 controls (U+0085 too), U+2028/U+2029, a BOM,
 * U+FFFE/U+FFFF, a lone surrogate. (One pass over char codes: a regex with lookarounds costs
 * as much as the parse.)
 */
function hasUnsupportedChars(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c === 0x0a) continue;
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
      return true;
    }
    if (c < 0x7f) continue;
    if (c <= 0x9f || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) return true;
    if (c >= 0xd800 && c <= 0xdfff) {
      // A high surrogate followed by a low one is a character outside the BMP (emoji): fine.
      if (c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          continue;
        }
      }
      return true;
    }
  }
  return false;
}

const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar as YAML 1.2's core schema reads it (the tests of `yaml`'s core schema, in its order). */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most values start with a letter that no core type starts with: text, without a regex.
  if (c > 0x7e) return s;
  switch (c) {
    case 0x7e: // ~
      return s.length === 1 ? null : s;
    case 0x6e: // n
    case 0x4e: // N
      return s === 'null' || s === 'Null' || s === 'NULL' ? null : s;
    case 0x74: // t
    case 0x54: // T
      return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
    case 0x66: // f
    case 0x46: // F
      return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
    case 0x2b: // +
    case 0x2d: // -
    case 0x2e: // .
      break;
    default:
      if (c < 0x30 || c > 0x39) return s;
  }
  if (OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s)) return parseFloat(s);
  if (FLOAT.test(s)) return parseFloat(s);
  return s;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Whether only spaces, then a comment or the end of the line, follow the value that ends at `i`. */
function endOfValue(text: string, i: number, end: number): boolean {
  const from = i;
  while (i < end && text.charCodeAt(i) === 0x20) i++;
  if (i === end) return true;
  // A comment must be separated from the value by a space.
  return text.charCodeAt(i) === 0x23 && i > from;
}

/** A double-quoted scalar starting at `start` (the quote), closed on the same line. Sets `pos` past the closing quote. */
function doubleQuoted(text: string, start: number, end: number, cur: { pos: number }): string | Fail {
  let out = '';
  let run = start + 1;
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      out += text.slice(run, i);
      cur.pos = i + 1;
      return out;
    }
    if (c === 0x5c) {
      out += text.slice(run, i);
      const e = text[i + 1];
      if (e === undefined || i + 1 >= end) return FAIL;
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i++;
      } else if (e === 'x' || e === 'u') {
        const len = e === 'x' ? 2 : 4;
        if (i + 2 + len > end) return FAIL;
        for (let k = i + 2; k < i + 2 + len; k++) if (!isHex(text.charCodeAt(k))) return FAIL;
        out += String.fromCodePoint(parseInt(text.substr(i + 2, len), 16));
        i += 1 + len;
      } else {
        return FAIL;
      }
      run = i + 1;
    }
  }
  return FAIL; // not closed on this line: a multi-line scalar
}

/** A single-quoted scalar starting at `start`, closed on the same line. */
function singleQuoted(text: string, start: number, end: number, cur: { pos: number }): string | Fail {
  let out = '';
  let run = start + 1;
  for (let i = start + 1; i < end; i++) {
    if (text.charCodeAt(i) !== 0x27) continue;
    if (i + 1 < end && text.charCodeAt(i + 1) === 0x27) {
      out += text.slice(run, i + 1);
      i++;
      run = i + 1;
      continue;
    }
    out += text.slice(run, i);
    cur.pos = i + 1;
    return out;
  }
  return FAIL;
}

/** Whether a plain scalar may start with this character (and the next). */
function plainStartOk(c: number, next: number, flow: boolean): boolean {
  switch (c) {
    case 0x2d: // -
      // `- x` is a sequence entry; `-x`, `-1` are text and numbers.
      return next > 0x20 && !(flow && (next === 0x2c || next === 0x5b || next === 0x5d || next === 0x7b || next === 0x7d));
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return false;
    default:
      return true;
  }
}

/**
 * A value on one line in block context, from `start` to `end` (the end of the line, without CR):
 * a plain or quoted scalar or a flow sequence of scalars, with an optional trailing comment.
 */
function inlineValue(text: string, start: number, end: number): unknown | Fail {
  const c = text.charCodeAt(start);
  const cur = { pos: start };
  if (c === 0x22 || c === 0x27) {
    const v = c === 0x22 ? doubleQuoted(text, start, end, cur) : singleQuoted(text, start, end, cur);
    if (v === FAIL || !endOfValue(text, cur.pos, end)) return FAIL;
    return v;
  }
  if (c === 0x5b) return flowSequence(text, start, end);
  if (!plainStartOk(c, start + 1 < end ? text.charCodeAt(start + 1) : -1, false)) return FAIL;
  // Plain: up to a ` #` comment; `: ` or a final `:` would make a mapping.
  let stop = end;
  for (let i = start + 1; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x23 && text.charCodeAt(i - 1) === 0x20) {
      stop = i;
      break;
    }
    if (ch === 0x3a && (i + 1 === end || text.charCodeAt(i + 1) === 0x20)) return FAIL;
  }
  while (stop > start && text.charCodeAt(stop - 1) === 0x20) stop--;
  return resolvePlain(text.slice(start, stop));
}

/** `[a, "b", 'c']` on one line, with an optional trailing comment. */
function flowSequence(text: string, start: number, end: number): unknown[] | Fail {
  const out: unknown[] = [];
  let i = start + 1;
  const cur = { pos: 0 };
  for (;;) {
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    if (i >= end) return FAIL; // continues on the next line
    let c = text.charCodeAt(i);
    if (c === 0x5d) {
      // `]` right after `[` or after a comma: the end (`[a, b,]` is [a, b]).
      return endOfValue(text, i + 1, end) ? out : FAIL;
    }
    if (c === 0x22 || c === 0x27) {
      cur.pos = i;
      const v = c === 0x22 ? doubleQuoted(text, i, end, cur) : singleQuoted(text, i, end, cur);
      if (v === FAIL) return FAIL;
      out.push(v);
      i = cur.pos;
    } else {
      if (!plainStartOk(c, i + 1 < end ? text.charCodeAt(i + 1) : -1, true)) return FAIL;
      const from = i;
      for (; i < end; i++) {
        c = text.charCodeAt(i);
        if (c === 0x2c || c === 0x5d) break;
        // `:` (an implicit key inside), nested collections, comments: not here.
        if (c === 0x3a || c === 0x5b || c === 0x7b || c === 0x7d) return FAIL;
        if (c === 0x23 && text.charCodeAt(i - 1) === 0x20) return FAIL;
      }
      if (i >= end) return FAIL;
      let to = i;
      while (to > from && text.charCodeAt(to - 1) === 0x20) to--;
      out.push(resolvePlain(text.slice(from, to)));
    }
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    if (i >= end) return FAIL;
    c = text.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      continue;
    }
    if (c === 0x5d) return endOfValue(text, i + 1, end) ? out : FAIL;
    return FAIL;
  }
}

/** Line cursor over the block. */
interface Lines {
  text: string;
  /** Start of the current line; `text.length` at the end. */
  start: number;
  /** End of the current line's content (before CR LF or LF). */
  end: number;
  /** Start of the next line. */
  next: number;
  /** Spaces before the first other character; -1 for a blank line. */
  indent: number;
}

function load(l: Lines, start: number): void {
  const text = l.text;
  l.start = start;
  if (start >= text.length) {
    l.end = l.next = start;
    l.indent = -1;
    return;
  }
  let nl = text.indexOf('\n', start);
  if (nl === -1) nl = text.length;
  l.next = nl + 1;
  l.end = nl > start && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
  let i = start;
  while (i < l.end && text.charCodeAt(i) === 0x20) i++;
  l.indent = i === l.end ? -1 : i - start;
}

/** Move to the next line that is not blank and not a comment; indent -1 at the end of the text. */
function nextSignificant(l: Lines, from: number): void {
  for (let s = from; ; s = l.next) {
    load(l, s);
    if (l.start >= l.text.length) return;
    if (l.indent === -1) continue;
    if (l.text.charCodeAt(l.start + l.indent) === 0x23) continue;
    return;
  }
}

/** Whether the current line is a sequence entry (`-` then a space or the end) at its indent. */
function isEntry(l: Lines): boolean {
  const p = l.start + l.indent;
  return l.text.charCodeAt(p) === 0x2d && (p + 1 === l.end || l.text.charCodeAt(p + 1) === 0x20);
}

/**
 * The value of a sequence entry whose `-` is at `dash` on the current line; leaves the cursor on
 * the next significant line. `nested`: whether `- - x` may open a sequence inside.
 */
function entryValue(l: Lines, dash: number, nested: boolean): unknown | Fail {
  const text = l.text;
  // The entry's own column: any later line indented more continues it (or nests under it).
  const column = dash - l.start;
  let i = dash + 1;
  while (i < l.end && text.charCodeAt(i) === 0x20) i++;
  if (i === l.end || text.charCodeAt(i) === 0x23) {
    // An empty entry: null, unless something more indented follows.
    nextSignificant(l, l.next);
    return l.indent > column ? FAIL : null;
  }
  if (text.charCodeAt(i) === 0x2d && (i + 1 === l.end || text.charCodeAt(i + 1) === 0x20)) {
    if (!nested) return FAIL;
    // `- - a`: a sequence whose entries sit at the column of the second dash.
    const inner: unknown[] = [];
    const innerColumn = i - l.start;
    let at = i;
    for (;;) {
      const v = entryValue(l, at, false);
      if (v === FAIL) return FAIL;
      inner.push(v);
      // entryValue left the cursor on the next significant line.
      if (l.indent === innerColumn && isEntry(l)) {
        at = l.start + innerColumn;
        continue;
      }
      return l.indent > column ? FAIL : inner;
    }
  }
  const v = inlineValue(text, i, l.end);
  if (v === FAIL) return FAIL;
  nextSignificant(l, l.next);
  return l.indent > column ? FAIL : v;
}

/**
 * A block sequence whose entries are at `indent`, starting on the current (significant) line,
 * the value of a key at `parent`.
 */
function blockSequence(l: Lines, indent: number, parent: number): unknown[] | Fail {
  const out: unknown[] = [];
  for (;;) {
    const v = entryValue(l, l.start + indent, true);
    if (v === FAIL) return FAIL;
    out.push(v);
    if (l.indent === indent && isEntry(l)) continue;
    // The sequence ends: only a line at the parent's indent or less (or the end) may follow.
    return l.indent > parent ? FAIL : out;
  }
}

const MAX_KEY = 1000;

/** Whether a top-level key is one this module reads: plain, one line, and read as a string. */
function keyOk(text: string, from: number, to: number): boolean {
  if (to <= from || to - from > MAX_KEY) return false;
  const first = text.charCodeAt(from);
  if (!(first >= 0x61 && first <= 0x7a) && !(first >= 0x41 && first <= 0x5a) && !(first >= 0x30 && first <= 0x39) && first !== 0x5f && first !== 0x24 && first < 0x80) return false;
  for (let i = from + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e || c === 0x24 || c === 0x2f || c >= 0x80) continue;
    if (c === 0x20 && text.charCodeAt(i - 1) !== 0x20) continue;
    return false;
  }
  return text.charCodeAt(to - 1) !== 0x20;
}

/** Deepest nesting of block mappings read here (the top level is 1). */
const MAX_MAP_DEPTH = 8;

/**
 * A block mapping whose keys are at `indent`, starting on the current (significant) line; ends
 * on the first significant line indented less (or the end of the text).
 */
function blockMapping(l: Lines, indent: number, depth: number): Record<string, unknown> | Fail {
  const out: Record<string, unknown> = {};
  const text = l.text;
  while (l.indent === indent) {
    const ls = l.start + indent;
    const le = l.end;
    // The key: up to the first `:` followed by a space or the end of the line.
    let colon = -1;
    for (let i = ls; i < le; i++) {
      if (text.charCodeAt(i) === 0x3a && (i + 1 === le || text.charCodeAt(i + 1) === 0x20)) {
        colon = i;
        break;
      }
    }
    if (colon === -1) return FAIL;
    let keyEnd = colon;
    while (keyEnd > ls && text.charCodeAt(keyEnd - 1) === 0x20) keyEnd--;
    if (!keyOk(text, ls, keyEnd)) return FAIL;
    const key = resolvePlain(text.slice(ls, keyEnd));
    if (typeof key !== 'string' || key === '<<') return FAIL;
    if (Object.prototype.hasOwnProperty.call(out, key)) return FAIL; // duplicate key: the reference reports it
    let vs = colon + 1;
    while (vs < le && text.charCodeAt(vs) === 0x20) vs++;
    let value: unknown;
    if (vs === le || text.charCodeAt(vs) === 0x23) {
      // Nothing on the key's line: a block sequence or mapping below, or null.
      nextSignificant(l, l.next);
      if (l.indent >= indent && isEntry(l)) {
        const seq = blockSequence(l, l.indent, indent);
        if (seq === FAIL) return FAIL;
        value = seq;
      } else if (l.indent > indent) {
        if (depth >= MAX_MAP_DEPTH) return FAIL;
        const map = blockMapping(l, l.indent, depth + 1);
        if (map === FAIL) return FAIL;
        value = map;
      } else {
        value = null;
      }
    } else {
      const v = inlineValue(text, vs, le);
      if (v === FAIL) return FAIL;
      value = v;
      nextSignificant(l, l.next);
    }
    if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    else out[key] = value;
    // After a value: a sibling key at this indent, or a line indented less, or the end.
    if (l.indent > indent) return FAIL;
  }
  return out;
}

/**
 * The data of a YAML front matter block, or undefined when the full parser must read it.
 * `content` is the text between the fences (LF or CRLF line ends).
 */
export function parseSimpleYaml(content: string): Record<string, unknown> | undefined {
  if (hasUnsupportedChars(content)) return undefined;
  const l: Lines = { text: content, start: 0, end: 0, next: 0, indent: -1 };
  nextSignificant(l, 0);
  // An empty document is null to `yaml`: the caller decides what that means.
  if (l.indent !== 0) return undefined;
  const out = blockMapping(l, 0, 1);
  // Anything left (a line indented less than 0 cannot be): the end of the text.
  if (out === FAIL || l.start < content.length) return undefined;
  return out;
}
