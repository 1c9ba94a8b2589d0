import stringWidth from 'string-width';

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
export const displayWidth = (text: string): number => (/^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text));

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Cut `text` to at most `width` columns, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
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
