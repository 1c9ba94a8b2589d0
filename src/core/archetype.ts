/**
 * New posts in a Hugo site, from its archetypes as `hugo new` uses them: archetypes/<section>.md,
 * else archetypes/default.md, else Hugo's built-in default. An archetype is a Go template; blog
 * never runs template code (front matter is data): it fills in the expressions archetypes use
 * for a new page (.Date, .Name, .File.ContentBaseName, .Title, .Section, .Type and
 * `replace … "-" " " | title`) and refuses any other. Then title, date, tags, categories and draft
 * are set with the lossless editor, in the archetype's own format (TOML or YAML). Pure.
 */
import { quoted } from './diagnostic.js';
import { setScalar, type ScalarText } from './edit.js';
import { splitFrontMatter } from './front-matter/fences.js';
import { hugoMarkerKey, parsePost } from './post.js';

/** Hugo's own default archetype (what `hugo new project` writes into archetypes/default.md). */
export const HUGO_DEFAULT_ARCHETYPE = `+++
date = '{{ .Date }}'
draft = true
title = '{{ replace .File.ContentBaseName "-" " " | title }}'
+++
`;

export interface ArchetypeData {
  title: string;
  /** The file name without extension (the page's ContentBaseName). */
  name: string;
  /** RFC 3339 with the offset, as Hugo's `.Date`. */
  date: string;
  section: string;
  tags: string[];
  /** Category terms (Hugo categories are a flat list). */
  categories: string[];
  /** true: draft = true; false: not a draft, whatever the archetype says (a "no" at the prompt); undefined: as the archetype says. */
  draft: boolean | undefined;
}

export type ArchetypeResult = { ok: true; text: string } | { ok: false; message: string };

/** Hugo's `title` function (AP style, roughly): every word capitalised. */
function titleCase(text: string): string {
  return text.replace(/(^|\s)(\p{Ll})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase());
}

/** The value of one template action, or undefined when blog does not run it. */
function action(expr: string, data: ArchetypeData): string | undefined {
  const e = expr.trim().replace(/\s+/g, ' ');
  const base = /^\.(Name|File\.ContentBaseName|File\.BaseFileName|File\.TranslationBaseName)$/;
  if (e === '.Date') return data.date;
  if (base.test(e)) return data.name;
  if (e === '.Title') return data.title;
  if (e === '.Section' || e === '.Type') return data.section;
  const replaced = /^replace (\.Name|\.File\.(?:ContentBaseName|BaseFileName|TranslationBaseName)) "-" " "( \| title)?$/.exec(e);
  if (replaced) return replaced[2] ? titleCase(data.name.replace(/-/g, ' ')) : data.name.replace(/-/g, ' ');
  return undefined;
}

const TOML_STRING = (s: string): string => JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** Fill an archetype: the new post's text. */
export function renderArchetype(template: string, data: ArchetypeData): ArchetypeResult {
  let unknown: string | undefined;
  // {{< shortcodes >}} and {{% shortcodes %}} are page content, not template actions.
  const filled = template.replace(/\{\{-?(?![<%])([\s\S]*?)-?\}\}/g, (whole, expr: string) => {
    const value = action(expr, data);
    if (value === undefined) unknown ??= whole;
    return value ?? whole;
  });
  if (unknown !== undefined) return { ok: false, message: `it uses template code blog does not run: ${quoted(unknown, 60)} (blog fills in .Date, .Name, .File.ContentBaseName, .Title, .Section and replace … | title); use hugo new, or simplify the archetype` };
  const split = splitFrontMatter(filled, 'hugo');
  if (split.kind !== 'block' || (split.format !== 'toml' && split.format !== 'yaml')) return { ok: false, message: 'it needs a TOML (+++) or YAML (---) front matter block' };
  const toml = split.format === 'toml';
  const str = (s: string): ScalarText => ({ yaml: JSON.stringify(s), toml: TOML_STRING(s) });
  const list = (items: string[]): ScalarText => ({ yaml: `[${items.map((i) => JSON.stringify(i)).join(', ')}]`, toml: `[${items.map(TOML_STRING).join(', ')}]` });
  let text = filled;
  const set = (key: string, value: ScalarText): string | undefined => {
    const edit = setScalar(text, 'hugo', key, value);
    if (edit.status === 'skipped') return `${key}: ${edit.reason}`;
    if (edit.status === 'changed') text = edit.text;
    return undefined;
  };
  // Hugo's own archetype says draft = true, as `hugo new` writes: a "no" given at the prompt wins,
  // written to the marker that makes it a draft (in the case it is written in: `Draft = true`).
  const notDraft = (): string | undefined => {
    const read = parsePost(text, 'new.md', { generator: 'hugo', reference: true });
    if (!read.ok || !read.post.draft) return undefined;
    const key = hugoMarkerKey(read.post.data, 'draft') ?? hugoMarkerKey(read.post.data, 'published');
    return key === undefined ? undefined : set(key, key.toLowerCase() === 'published' ? { yaml: 'true', toml: 'true' } : { yaml: 'false', toml: 'false' });
  };
  const problem =
    set('title', str(data.title)) ??
    set('date', { yaml: data.date, toml: data.date }) ??
    (data.tags.length ? set('tags', list(data.tags)) : undefined) ??
    (data.categories.length ? set('categories', list(data.categories)) : undefined) ??
    (data.draft === true ? set('draft', { yaml: 'true', toml: 'true' }) : undefined) ??
    (data.draft === false ? notDraft() : undefined);
  if (problem) return { ok: false, message: `its front matter cannot take the values: ${problem}` };
  // What is written must read back as the values given.
  const check = parsePost(text, 'new.md', { generator: 'hugo', reference: true });
  if (!check.ok) return { ok: false, message: `it gives front matter that cannot be read (${toml ? 'TOML' : 'YAML'}): ${check.ok === false && 'problem' in check ? check.problem.message : ''}` };
  const p = check.post;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (p.title !== data.title || (data.tags.length && !same(p.tags, data.tags)) || (data.categories.length && !same(p.categories, data.categories.map((c) => [c])))) {
    return { ok: false, message: `its front matter does not read back as the values given (read: ${quoted({ title: p.title, tags: p.tags, categories: p.categories }, 200)})` };
  }
  return { ok: true, text };
}
