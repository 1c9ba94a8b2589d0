import { eastAsianWidth } from 'get-east-asian-width';

export interface Column {
  header: string;
  /** May be shortened (with an ellipsis) to fit `maxWidth`. */
  shrinkable?: boolean;
  minWidth?: number;
  /** Order in which shrinkable columns give way (lower first); default: the rightmost first. */
  order?: number;
  /** Cut from the start instead of the end (paths: the end, the file's name, tells which file). */
  keepEnd?: boolean;
  /** The column may be left out when even its minimum width does not fit. */
  droppable?: boolean;
  /** Order in which droppable columns are left out (lower first); default: `order`. */
  dropOrder?: number;
}

export interface TableOptions {
  /** Total width to fit in (a terminal's columns); undefined: never truncate. */
  maxWidth?: number;
  /** Style applied to each cell after padding decisions (ANSI is ignored when measuring). */
  style?: (text: string, row: number, col: number) => string;
  header?: (text: string) => string;
  gap?: number;
  /** Text at the end of a cell that is never cut (`[draft]`): the cell's text before it gives way. */
  suffix?: (row: number, col: number) => string;
}

/** Display width: East Asian wide characters and emoji count 2, ANSI codes 0. */
const ANSI = /\u001B\[[0-9;]*[A-Za-z]|\u001B\][^\u0007]*\u0007/g;
/** Characters that need a grapheme-by-grapheme measure (compiled on first use: it takes 10 ms, and most runs print ASCII). */
let complex: RegExp | undefined;
const COMPLEX = (): RegExp => (complex ??= /[\p{Regional_Indicator}\u{1F000}-\u{1FAFF}\u2600-\u27BF\u200B-\u200F\uFE00-\uFE0F\u{E0000}-\u{E007F}\p{M}\p{Cc}\p{Extended_Pictographic}]/u);

/** Text of printable ASCII and wide CJK characters only (see displayWidth). */
export const CJK_TEXT = /^[\x20-\x7e\u4e00-\u9fff\u3001\u3002\u3008-\u3011\uff01-\uff5e]*$/;

/** Display width in terminal columns: East Asian wide characters and emoji count 2, ANSI codes 0. */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  // Chinese text in the common shape (printable ASCII, CJK ideographs, the full-width forms and
  // the ideographic comma, full stop and brackets): one column for ASCII, two for the rest (a
  // test checks every one of these characters against the table).
  if (CJK_TEXT.test(text)) {
    let ascii = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x7f) ascii++;
    return 2 * text.length - ascii;
  }
  const plain = text.includes('\u001B') ? text.replace(ANSI, '') : text;
  let width = 0;
  if (!COMPLEX().test(plain)) {
    // Plain CJK and Latin text: one table look-up a character.
    for (const ch of plain) width += eastAsianWidth(ch.codePointAt(0) ?? 0);
    return width;
  }
  // Emoji sequences, combining marks, variation selectors: a grapheme at a time.
  for (const segment of graphemeSegments(plain)) width += graphemeWidth(segment);
  return width;
}

/** Made on first use: making one takes about 10 ms (ICU data), and most runs never need it. */
let segmenter: Intl.Segmenter | undefined;
const graphemes = (): Intl.Segmenter => (segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' }));

/** Code units segmented at a time by graphemeSegments. */
const SEGMENT_SLICE = 4096;

/**
 * The grapheme clusters of `text`, segmented a slice at a time: Intl.Segmenter over one long
 * string slowed down far faster than its length grew (a title of 40,000 emoji took 6 s to
 * measure, 20,000 took 0.4 s), and a post's title is anyone's text. The last cluster of a slice
 * may be cut short, so it is segmented again at the start of the next slice (a slice starts on a
 * cluster boundary, where segmenting starts afresh, as the rules of UAX #29 allow). A cluster
 * longer than a slice (a letter with thousands of combining marks) is cut there; its width is
 * the same.
 */
export function* graphemeSegments(text: string): Generator<string> {
  if (text.length <= SEGMENT_SLICE) {
    for (const { segment } of graphemes().segment(text)) yield segment;
    return;
  }
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + SEGMENT_SLICE);
    // Never between the two halves of a character: a lone half would change the break before it
    // (two regional indicators of a flag would be taken as two clusters).
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
    let last = '';
    let lastAt = at;
    for (const { segment, index } of graphemes().segment(text.slice(at, end))) {
      if (last) yield last;
      last = segment;
      lastAt = at + index;
    }
    // The slice's last cluster is whole only where the text ends, or if it is the slice's only one.
    if (end === text.length || lastAt === at) {
      yield last;
      at = lastAt + last.length;
    } else at = lastAt;
  }
}

function graphemeWidth(g: string): number {
  const cp = g.codePointAt(0) ?? 0;
  if (/^\p{Cc}|^[\u200B-\u200F]$|^\p{M}/u.test(g)) return 0;
  if (/\p{Regional_Indicator}/u.test(g)) return 2;
  if (/\p{Extended_Pictographic}/u.test(g) && (g.includes('\uFE0F') || /\p{Emoji_Presentation}/u.test(g) || g.length > 2)) return 2;
  return eastAsianWidth(cp);
}

/** The first graphemes of `text` that fit in `width` columns (a wide character is never split). */
function head(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const segment of graphemeSegments(text)) {
    const w = displayWidth(segment);
    if (used + w > width) break;
    out += segment;
    used += w;
  }
  return out;
}

/**
 * `text` in lines of at most `width` columns: broken at spaces, and a word wider than a line
 * (a Chinese sentence has no spaces) between graphemes. Never splits a character.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of text.split(' ')) {
    const w = displayWidth(word);
    if (used > 0 && used + 1 + w <= width) {
      line += ` ${word}`;
      used += 1 + w;
      continue;
    }
    if (used > 0) lines.push(line);
    line = '';
    used = 0;
    if (w <= width) {
      line = word;
      used = w;
      continue;
    }
    for (const segment of graphemeSegments(word)) {
      const sw = displayWidth(segment);
      if (used + sw > width && used > 0) {
        lines.push(line);
        line = '';
        used = 0;
      }
      line += segment;
      used += sw;
    }
  }
  lines.push(line);
  return lines;
}

/** The last graphemes of `text` that fit in `width` columns. */
function tail(text: string, width: number): string {
  const parts = [...graphemeSegments(text)];
  let out = '';
  let used = 0;
  for (let i = parts.length - 1; i >= 0; i--) {
    const w = displayWidth(parts[i] as string);
    if (used + w > width) break;
    out = (parts[i] as string) + out;
    used += w;
  }
  return out;
}

/** Cut `text` to at most `width` columns, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  return `${head(text, width - 1)}…`;
}

/**
 * Cut `text` to at most `width` columns keeping its end (`…的文章.md`): in a list of paths the
 * folders repeat (`source/_posts/`) and the file names differ.
 */
export function truncateStart(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return truncate(text, width);
  return `…${tail(text, width - 1)}`;
}

/**
 * Widest a column is made for one cell when output is not shortened (a pipe): a cell wider than
 * this is printed whole but does not widen its column, so one huge title costs its own row, not
 * a padding of every row to its width.
 */
export const MAX_ALIGNED_WIDTH = 200;

/** Align rows of plain-text cells into columns measured by display width. */
export function renderTable(columns: Column[], rows: string[][], options: TableOptions = {}): string {
  let out = '';
  for (const line of tableLines(columns, rows, options)) out += line;
  return out;
}

/**
 * The lines of renderTable, each with its newline, made as they are taken: a long table (the
 * 17,067 rows of `list --tag ChatGPT` on the bench) is written out without its lines all alive
 * at once.
 */
export function* tableLines(columns: Column[], rows: string[][], options: TableOptions = {}): Generator<string> {
  const gap = options.gap ?? 2;
  const between = ' '.repeat(gap);
  // Measure each cell once (display width of CJK and emoji text is not cheap), and each column
  // in the same pass. Loops, not map/reduce/join: a list of 17,000 posts is 85,000 cells.
  const widths = columns.map((c) => displayWidth(c.header));
  // The cells' widths in one array, row after row (an array a row was 17,000 more objects for
  // the collector to copy).
  const stride = columns.length;
  const cellWidths = new Int32Array(rows.length * stride);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as string[];
    for (let i = 0; i < row.length && i < stride; i++) {
      const w = displayWidth(row[i] as string);
      cellWidths[r * stride + i] = w;
      if (w <= MAX_ALIGNED_WIDTH && w > (widths[i] as number)) widths[i] = w;
    }
  }
  const shown = columns.map(() => true);
  if (options.maxWidth !== undefined) fit(columns, widths, shown, options.maxWidth, gap);
  const visible = columns.map((_, i) => i).filter((i) => shown[i]);
  const lastShown = visible[visible.length - 1];
  /** A line of `cells`, whose widths are `measured` from `at`. */
  const line = (cells: string[], measured: ArrayLike<number>, at: number, style: (text: string, col: number) => string, row: number): string => {
    let out = '';
    for (let k = 0; k < visible.length; k++) {
      const i = visible[k] as number;
      const cell = cells[i] ?? '';
      const width = widths[i] ?? 0;
      const cutting = options.maxWidth !== undefined;
      const fits = !cutting || (measured[at + i] ?? 0) <= width;
      let text = cell;
      if (!fits) {
        const suffix = row >= 0 ? (options.suffix?.(row, i) ?? '') : '';
        const col = columns[i];
        if (suffix && cell.endsWith(suffix) && displayWidth(suffix) < width) {
          text = truncate(cell.slice(0, cell.length - suffix.length), width - displayWidth(suffix)) + suffix;
        } else text = col?.keepEnd ? truncateStart(cell, width) : truncate(cell, width);
      }
      const used = fits ? (measured[at + i] ?? 0) : displayWidth(text);
      const padded = i === lastShown ? text : text + ' '.repeat(Math.max(0, width - used));
      out += k === 0 ? style(padded, i) : between + style(padded, i);
    }
    return out.trimEnd();
  };
  const header = options.header ?? ((t: string) => t);
  const style = options.style ?? ((t: string) => t);
  const headers = columns.map((c) => c.header);
  yield `${line(headers, headers.map(displayWidth), 0, (t) => header(t), -1)}\n`;
  for (let r = 0; r < rows.length; r++) yield `${line(rows[r] as string[], cellWidths, r * stride, (t, c) => style(t, r, c), r)}\n`;
}

/**
 * Make the columns fit `maxWidth`: shrinkable columns give way in their order down to their
 * minimum widths; when that is not enough, droppable ones are left out one at a time (in their
 * drop order) and the others shrink again from their full widths, so that the room a column
 * left goes back to them; last, the columns left go below their minimum, in order.
 */
function fit(columns: Column[], widths: number[], shown: boolean[], maxWidth: number, gap: number): void {
  const total = (): number => widths.reduce((sum, w, i) => (shown[i] ? sum + w : sum), 0) + gap * (shown.filter(Boolean).length - 1);
  const order = columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.shrinkable)
    .sort((a, b) => (a.c.order ?? columns.length - a.i) - (b.c.order ?? columns.length - b.i));
  const drops = order.filter(({ c }) => c.droppable).sort((a, b) => (a.c.dropOrder ?? a.c.order ?? 0) - (b.c.dropOrder ?? b.c.order ?? 0));
  const full = [...widths];
  const shrink = (): void => {
    for (const { c, i } of order) {
      const over = total() - maxWidth;
      if (over <= 0) return;
      if (!shown[i]) continue;
      const min = Math.max(c.minWidth ?? 10, displayWidth(c.header));
      const cut = Math.min((widths[i] ?? 0) - min, over);
      if (cut > 0) widths[i] = (widths[i] ?? 0) - cut;
    }
  };
  shrink();
  for (const { i } of drops) {
    if (total() <= maxWidth) return;
    shown[i] = false;
    for (let k = 0; k < widths.length; k++) widths[k] = full[k] as number;
    shrink();
  }
  for (const { i } of order) {
    const over = total() - maxWidth;
    if (over <= 0) return;
    if (!shown[i]) continue;
    widths[i] = Math.max(1, (widths[i] ?? 0) - over);
  }
}
