/**
 * The text of a new post, from a template (Hexo scaffold) or the built-in one. Pure.
 */
import type { Scalar } from 'yaml';
import { yaml } from './yaml-lib.js';
import { splitFrontMatter, type Generator } from './front-matter/fences.js';
import { parsePost } from './post.js';

export interface NewPostData {
  title: string;
  /** As it will be written; null: no date (a Hexo or Jekyll draft gets one when it is published). */
  date: string | null;
  tags: string[];
  /** Paths: `[["技术", "AI"]]` is one category 技术 › AI. */
  categories: string[][];
  /** Mark the post a draft in its front matter (false when it goes to a drafts folder). */
  draftKey: 'draft' | 'published' | null;
  slug: string;
}

/** Hexo's default scaffold, plus categories when given. */
export const DEFAULT_TEMPLATE = '---\ntitle: {{ title }}\ndate: {{ date }}\ntags:\n---\n';

/** Hexo's default draft scaffold: a draft has no date until it is published. */
export const DEFAULT_DRAFT_TEMPLATE = '---\ntitle: {{ title }}\ntags:\n---\n';

const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const PLACEHOLDER = /\{\{\s*(title|date|tags|categories|slug)\s*\}\}/g;

export type RenderResult = { ok: true; text: string } | { ok: false; message: string };

/** YAML value for the categories, in the shape that reads back as these paths. */
function categoriesValue(paths: string[][], generator: Generator): unknown {
  if (paths.length === 0) return null;
  if (paths.length === 1) return (paths[0] as string[]).length === 1 ? (paths[0] as string[])[0] : paths[0];
  if ((generator === 'hugo' || generator === 'jekyll') && paths.every((p) => p.length === 1)) return paths.map((p) => p[0]);
  return paths;
}

/**
 * Fill a template: placeholders in the front matter become these values (keys keep the
 * template's order; missing keys are added at the end), placeholders in the body the plain text.
 */
export function renderNewPost(template: string, data: NewPostData, generator: Generator): RenderResult {
  if (template === DEFAULT_TEMPLATE) {
    const text = renderDefault(data, generator);
    if (text !== undefined) return readsBack(text, data, generator, false);
  }
  const split = splitFrontMatter(template, generator);
  if (split.kind !== 'block' || split.format !== 'yaml') {
    return { ok: false, message: 'the template needs a YAML front matter block between "---" lines' };
  }
  const head = template.slice(0, split.contentStart);
  const content = template.slice(split.contentStart, split.contentEnd);
  const closing = template.slice(split.contentEnd, split.bodyStart);
  const body = template.slice(split.bodyStart);
  // Placeholders become markers first, so the template's YAML can be parsed as YAML.
  const { Document, isMap, isScalar, parseDocument, Scalar: ScalarNode, visit } = yaml();
  const doc = parseDocument(content.replace(PLACEHOLDER, (_m, k: string) => `__blog_${k}__`), { schema: 'core' });
  if (doc.errors.length) return { ok: false, message: `the template's front matter is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}` };
  if (doc.contents !== null && !isMap(doc.contents)) return { ok: false, message: "the template's front matter is not a mapping" };
  const values: Record<string, unknown> = {
    title: data.title,
    date: data.date,
    tags: data.tags.length ? data.tags : null,
    categories: categoriesValue(data.categories, generator),
  };
  // Edit the template's own document: its key order and comments stay.
  const out = doc.contents === null ? new Document({}) : doc;
  // Markers anywhere (e.g. `permalink: /{{ slug }}/`) take the plain value.
  const fill = (text: string): string =>
    text.replace(/__blog_(title|date|tags|categories|slug)__/g, (_m, k: string) =>
      k === 'slug' ? data.slug : k === 'tags' ? data.tags.join(', ') : k === 'categories' ? data.categories.map((p) => p.join(' > ')).join(', ') : String(values[k] ?? ''),
    );
  visit(out, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('__blog_')) {
        node.value = fill(node.value);
        if (node.type === 'PLAIN') node.type = undefined;
      }
    },
  });
  for (const key of ['title', 'date', 'tags', 'categories'] as const) {
    const value = values[key];
    if (value === null) {
      if (out.has(key) && isScalar(out.get(key, true)) && String((out.get(key, true) as Scalar).value ?? '') === fill(`__blog_${key}__`)) out.set(key, null);
      continue;
    }
    const existing = out.get(key, true);
    if (typeof value === 'string' && isScalar(existing)) {
      // Keep the node (and any comment on it); let the writer choose the quoting.
      existing.value = value;
      existing.type = undefined;
    } else {
      out.set(key, out.createNode(value));
    }
  }
  if (data.draftKey) out.set(data.draftKey, data.draftKey === 'draft');
  visit(out, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && YAML11_BOOL.test(node.value)) node.type = ScalarNode.QUOTE_DOUBLE;
    },
  });
  const yamlText = isMap(out.contents) && out.contents.items.length === 0 ? '' : out.toString({ lineWidth: 0, indentSeq: true, nullStr: '' });
  const text = head + yamlText.replace(/: \n/g, ':\n') + closing + body.replace(PLACEHOLDER, (_m, k: string) => fill(`__blog_${k}__`));

  return readsBack(text, data, generator, true);
}

/** What is written must read back exactly as given (`reference`: with the `yaml` package alone). */
function readsBack(text: string, data: NewPostData, generator: Generator, reference: boolean): RenderResult {
  const check = parsePost(text, 'new.md', { generator, reference });
  if (!check.ok) return { ok: false, message: 'the template produced front matter that cannot be read' };
  const p = check.post;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (p.title !== data.title || !same(p.tags, data.tags) || !same(p.categories, data.categories) || (p.date?.raw ?? null) !== data.date) {
    return { ok: false, message: `the template's front matter does not read back as the values given (read: ${JSON.stringify({ title: p.title, date: p.date?.raw, tags: p.tags, categories: p.categories })})` };
  }
  return { ok: true, text };
}

/** Text that the YAML writer leaves plain, and every reader reads back as this same text. */
const PLAIN_TEXT = /^\p{L}[^\p{C}\p{Zl}\p{Zp}:#'"\\[\]{},&*!|>%@`\t]*$/u;
const SPECIAL_WORDS = /^(true|false|null|nan|inf|y|n|yes|no|on|off)$/i;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/;

function plain(text: string): boolean {
  return text === text.trim() && PLAIN_TEXT.test(text) && !SPECIAL_WORDS.test(text);
}

/**
 * The built-in template filled without loading the YAML writer (about 35 ms of start-up), for
 * values the writer would leave plain; undefined for anything else, which goes the general way.
 * tests/unit/core/new-post.test.ts shows both ways write the same bytes.
 */
export function renderDefault(data: NewPostData, generator: Generator): string | undefined {
  if (data.date === null || !plain(data.title) || !DATE_TEXT.test(data.date) || !data.tags.every(plain)) return undefined;
  const lines = ['---', `title: ${data.title}`, `date: ${data.date}`, data.tags.length ? `tags:${data.tags.map((t) => `\n  - ${t}`).join('')}` : 'tags:'];
  const categories = categoriesValue(data.categories, generator);
  if (typeof categories === 'string') {
    if (!plain(categories)) return undefined;
    lines.push(`categories: ${categories}`);
  } else if (Array.isArray(categories)) {
    if (!categories.every((c) => typeof c === 'string' && plain(c))) return undefined;
    lines.push(`categories:${(categories as string[]).map((c) => `\n  - ${c}`).join('')}`);
  }
  if (data.draftKey) lines.push(`${data.draftKey}: ${data.draftKey === 'draft'}`);
  return `${lines.join('\n')}\n---\n`;
}
