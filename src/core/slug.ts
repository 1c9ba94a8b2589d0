/**
 * Slugs and file names for new posts. Pure.
 */
import type { WallClock } from './dates.js';
import { fitName, MAX_NAME_BYTES } from './fs/paths.js';
import { HEXO_DIACRITICS } from './slug-hexo-table.js';

/**
 * The default slug keeps the letters and digits of every script (a Chinese title gives a
 * Chinese file name, as Hexo's slugize does), drops punctuation and collapses separators.
 */
export function slugUnicode(title: string): string {
  return title
    .normalize('NFKC')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The slug `hexo new` makes (hexo-util's slugize): letters with diacritics to ASCII, control
 * characters dropped, runs of ASCII punctuation and white space to one `-`; every other
 * character, full-width punctuation included, stays. `filenameCase`: Hexo's filename_case
 * (1 lower case, 2 upper case).
 */
export function slugHexo(title: string, filenameCase: 0 | 1 | 2 = 0): string {
  const slug = title
    .replace(/[^\u0000-\u007E]/g, (ch) => HEXO_DIACRITICS[ch] ?? ch)
    .replace(/[\u0000-\u001f]/g, '')
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return filenameCase === 1 ? slug.toLowerCase() : filenameCase === 2 ? slug.toUpperCase() : slug;
}

/** ASCII only: `transliterate` turns other scripts into Latin (pinyin for Chinese). */
export function slugAscii(title: string, transliterate: (text: string) => string): string {
  return transliterate(title.normalize('NFKC'))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’`]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Hexo's `new_post_name` placeholders: :title :year :month :day :i_month :i_day :hour :minute :second. */
export function fileNameFor(pattern: string, slug: string, w: WallClock): string {
  const values: Record<string, string> = {
    title: slug,
    year: pad(w.year, 4),
    month: pad(w.month),
    day: pad(w.day),
    i_month: String(w.month),
    i_day: String(w.day),
    hour: pad(w.hour),
    minute: pad(w.minute),
    second: pad(w.second),
  };
  return pattern.replace(/:(i_month|i_day|title|year|month|day|hour|minute|second)/g, (_, k: string) => values[k] ?? '');
}

/**
 * `name`, or `name-2`, `name-3`… (Hexo: `name-1`, `name-2`…, `first` = 1) — the first that no
 * existing name equals, ignoring case (two names that differ only in case are the same file on
 * macOS and Windows).
 */
export function freeName(name: string, taken: (candidate: string) => boolean, first = 2): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  if (!taken(name)) return name;
  for (let i = first; ; i++) {
    const number = `-${i}`;
    // A name that already fills the file system's limit gives up the end of its stem for the number.
    const fitted = fitName(name, MAX_NAME_BYTES - Buffer.byteLength(number, 'utf8'));
    const stem = fitted.endsWith(ext) ? fitted.slice(0, fitted.length - ext.length) : fitted;
    const candidate = `${stem}${number}${ext}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Render a wall-clock date with tokens YYYY MM DD HH mm ss. */
export function formatDate(format: string, w: WallClock): string {
  return format.replace(/YYYY|MM|DD|HH|mm|ss/g, (t) =>
    t === 'YYYY' ? pad(w.year, 4) : t === 'MM' ? pad(w.month) : t === 'DD' ? pad(w.day) : t === 'HH' ? pad(w.hour) : t === 'mm' ? pad(w.minute) : pad(w.second),
  );
}
