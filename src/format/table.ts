import { eastAsianWidth } from 'get-east-asian-width';

export interface Column {
  header: string;
  /** May be shortened (with an ellipsis) to fit `maxWidth`. */
  shrinkable?: boolean;
  minWidth?: number;
}

export interface TableOptions {
  /** Total width to fit in (a terminal's columns); undefined: never truncate. */
  maxWidth?: number;
  /** Style applied to each cell after padding decisions (ANSI is ignored when measuring). */
  style?: (text: string, row: number, col: number) => string;
  header?: (text: string) => string;
  gap?: number;
}

/** Display width: East Asian wide characters and emoji count 2, ANSI codes 0. */
const ANSI = /\u001B\[[0-9;]*[A-Za-z]|\u001B\][^\u0007]*\u0007/g;
const COMPLEX = /[\p{Regional_Indicator}\u{1F000}-\u{1FAFF}\u2600-\u27BF\u200B-\u200F\uFE00-\uFE0F\u{E0000}-\u{E007F}\p{M}\p{Cc}\p{Extended_Pictographic}]/u;

/** Display width in terminal columns: East Asian wide characters and emoji count 2, ANSI codes 0. */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  const plain = text.includes('\u001B') ? text.replace(ANSI, '') : text;
  let width = 0;
  if (!COMPLEX.test(plain)) {
    // Plain CJK and Latin text: one table look-up a character.
    for (const ch of plain) width += eastAsianWidth(ch.codePointAt(0) ?? 0);
    return width;
  }
  // Emoji sequences, combining marks, variation selectors: a grapheme at a time.
  for (const { segment } of graphemes.segment(plain)) width += graphemeWidth(segment);
  return width;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function graphemeWidth(g: string): number {
  const cp = g.codePointAt(0) ?? 0;
  if (/^\p{Cc}|^[\u200B-\u200F]$|^\p{M}/u.test(g)) return 0;
  if (/\p{Regional_Indicator}/u.test(g)) return 2;
  if (/\p{Extended_Pictographic}/u.test(g) && (g.includes('\uFE0F') || /\p{Emoji_Presentation}/u.test(g) || g.length > 2)) return 2;
  return eastAsianWidth(cp);
}


/** Cut `text` to at most `width` columns, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** Align rows of plain-text cells into columns measured by display width. */
export function renderTable(columns: Column[], rows: string[][], options: TableOptions = {}): string {
  const gap = options.gap ?? 2;
  // Measure each cell once: display width of CJK and emoji text is not cheap.
  const cellWidths = rows.map((r) => r.map((cell) => displayWidth(cell)));
  const widths = columns.map((c, i) => cellWidths.reduce((max, w) => Math.max(max, w[i] ?? 0), displayWidth(c.header)));
  if (options.maxWidth !== undefined) {
    let total = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
    // Rightmost shrinkable columns give way first: the title matters more than its tags.
    for (let i = columns.length - 1; i >= 0 && total > options.maxWidth; i--) {
      const col = columns[i];
      if (!col?.shrinkable) continue;
      const min = Math.max(col.minWidth ?? 10, displayWidth(col.header));
      const cut = Math.min((widths[i] ?? 0) - min, total - options.maxWidth);
      if (cut > 0) {
        widths[i] = (widths[i] ?? 0) - cut;
        total -= cut;
      }
    }
  }
  const line = (cells: string[], measured: number[], style: (text: string, col: number) => string): string =>
    cells
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        const fits = (measured[i] ?? 0) <= width;
        const text = fits ? cell : truncate(cell, width);
        const last = i === cells.length - 1;
        const padded = last ? text : text + ' '.repeat(width - (fits ? (measured[i] ?? 0) : displayWidth(text)));
        return style(padded, i);
      })
      .join(' '.repeat(gap))
      .trimEnd();
  const header = options.header ?? ((t: string) => t);
  const style = options.style ?? ((t: string) => t);
  const headers = columns.map((c) => c.header);
  const out = [line(headers, headers.map(displayWidth), (t) => header(t))];
  rows.forEach((row, r) => out.push(line(row, cellWidths[r] ?? [], (t, c) => style(t, r, c))));
  return `${out.join('\n')}\n`;
}
