import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, LINT_KEYS, SEVERITY_NAMES, readConfigFile, validateConfig } from '../../../src/core/config.js';
import { RULE_IDS } from '../../../src/core/lint/ids.js';
import { RULES } from '../../../src/core/lint/rules/index.js';
import { repoRoot, useTempTrees } from '../../helpers.js';

// schema/blog.config.schema.json is written by hand for editors; this file keeps it and the
// validator in src/config.ts (validateConfig) saying the same thing.
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(join(repoRoot, 'schema/blog.config.schema.json'), 'utf8'));
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateSchema = ajv.compile(schema);
const tree = useTempTrees();

const bySchema = (config: unknown): boolean => validateSchema(config) as boolean;
const byValidator = (config: unknown): { ok: boolean; warnings: string[]; error?: string } => {
  const warnings: string[] = [];
  try {
    validateConfig(config, 'blog.config.json', warnings);
    return { ok: true, warnings };
  } catch (e) {
    return { ok: false, warnings, error: (e as Error).message };
  }
};

const good: Record<string, unknown> = {
  'no settings': {},
  'every key': {
    $schema: './node_modules/blogctl/schema/blog.config.schema.json',
    posts: 'source/_posts',
    drafts: 'source/_drafts',
    generator: 'hexo',
    timezone: 'Asia/Shanghai',
    newPostName: ':year-:month-:day-:title.md',
    slug: 'ascii',
    dateFormat: 'YYYY/MM/DD HH:mm',
    scaffolds: 'scaffolds',
    lint: {
      rules: { 'date-in-future': 'error', 'duplicate-title': 'off', 'tag-comma': 'warn', 'tag-string': 'warning' },
      required: ['title', 'date', 'categories'],
      allowedTags: ['ChatGPT', '日常折腾'],
      allowedKeys: [],
    },
  },
  'each generator': { generator: 'generic' },
  'UTC, Etc and three-part zones': { timezone: 'Etc/GMT+8' },
  'a .markdown pattern': { newPostName: 'posts/:title.markdown' },
  'date only': { dateFormat: 'YYYY-MM-DD' },
  'empty lint': { lint: {} },
  'empty rules': { lint: { rules: {} } },
  'every rule off': { lint: { rules: Object.fromEntries(RULE_IDS.map((id) => [id, 'off'])) } },
};

const bad: Record<string, unknown> = {
  'a list instead of an object': [],
  'null instead of an object': null,
  'a string instead of an object': 'posts',
  'posts: a number': { posts: 1 },
  'posts: empty': { posts: '' },
  'posts: blank': { posts: '   ' },
  'drafts: a boolean': { drafts: true },
  'scaffolds: null': { scaffolds: null },
  'generator: unknown': { generator: 'gatsby' },
  'generator: wrong case': { generator: 'Hexo' },
  'timezone: empty': { timezone: '' },
  'timezone: a number': { timezone: 8 },
  'timezone: spaces around': { timezone: ' UTC' },
  'newPostName without :title': { newPostName: ':year-:month-:day.md' },
  'newPostName not Markdown': { newPostName: ':title.txt' },
  'newPostName: a list': { newPostName: [':title.md'] },
  'newPostName leading out of the posts folder': { newPostName: '../evil/:title.md' },
  'newPostName as an absolute path': { newPostName: '/tmp/:title.md' },
  'newPostName making a hidden file': { newPostName: ':year/.:title.md' },
  'ignore: not a list': { ignore: 'archive/**' },
  'ignore: an empty pattern': { ignore: [''] },
  'ignore: three * in one name (backtracks for minutes)': { ignore: ['*a*a*c'] },
  'ignore: three * in a folder name': { ignore: ['x/*a*b*/**'] },
  'slug: unknown': { slug: 'pinyin' },
  'dateFormat: day first': { dateFormat: 'DD/MM/YYYY' },
  'dateFormat: mixed separators': { dateFormat: 'YYYY-MM/DD' },
  'dateFormat: seconds without minutes': { dateFormat: 'YYYY-MM-DD HH:ss' },
  'lint: a string': { lint: 'strict' },
  'lint: a list': { lint: [] },
  'lint.rules: a list': { lint: { rules: ['date-in-future'] } },
  'lint.rules: unknown rule id': { lint: { rules: { 'no-such-rule': 'error' } } },
  'lint.rules: a near miss': { lint: { rules: { 'date-in-futur': 'error' } } },
  'lint.rules: unknown severity': { lint: { rules: { 'date-in-future': 'fatal' } } },
  'lint.rules: numeric severity': { lint: { rules: { 'date-in-future': 2 } } },
  'lint.rules: severity in upper case': { lint: { rules: { 'date-in-future': 'Error' } } },
  'lint.required: a string': { lint: { required: 'title' } },
  'lint.allowedTags: an empty name': { lint: { allowedTags: ['ok', ''] } },
  'lint.allowedKeys: a number': { lint: { allowedKeys: [1] } },
  '$schema: a number': { $schema: 42 },
};

describe('schema/blog.config.schema.json', () => {
  it('is draft-07, which VS Code supports fully', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('has exactly the keys the validator knows, at the top and in "lint"', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(Object.keys(schema.properties.lint.properties).sort()).toEqual([...LINT_KEYS].sort());
  });

  it('names every lint rule in order, with its severities, default and description', () => {
    const rules = schema.properties.lint.properties.rules.properties;
    expect(Object.keys(rules)).toEqual([...RULE_IDS]);
    for (const rule of RULES) {
      expect(rules[rule.id].enum).toEqual([...SEVERITY_NAMES]);
      expect(rules[rule.id].default).toBe(rule.severity);
      expect(rules[rule.id].description.startsWith(rule.description)).toBe(true);
    }
  });

  it('gives every setting a description', () => {
    const settings = [...Object.values(schema.properties), ...Object.values(schema.properties.lint.properties)] as { description?: string }[];
    for (const s of settings) expect(s.description).toMatch(/\w/);
  });

  it.each(Object.entries(good))('accepts what blog accepts: %s', (_name, config) => {
    expect(bySchema(config), JSON.stringify(validateSchema.errors)).toBe(true);
    expect(byValidator(config)).toEqual({ ok: true, warnings: [] });
  });

  it.each(Object.entries(bad))('rejects what blog rejects: %s', (_name, config) => {
    expect(byValidator(config).ok).toBe(false);
    expect(bySchema(config)).toBe(false);
  });

  it('has at least 15 rejected cases', () => {
    expect(Object.keys(bad).length).toBeGreaterThanOrEqual(15);
  });

  // What a JSON Schema cannot say: whether a name is a timezone the machine knows (IANA names
  // come from the ICU data of the Node.js that runs blog). The schema checks the shape only.
  it.each(['Mars/Olympus_Mons', 'Asia/Shang_hai', 'Foo'])('leaves timezone %s to blog, which rejects it', (timezone) => {
    expect(bySchema({ timezone })).toBe(true);
    expect(byValidator({ timezone })).toMatchObject({ ok: false, error: expect.stringContaining('IANA timezone') });
  });

  // The one deliberate difference: blog warns about an unknown key and ignores it, so that an
  // older blog can read a newer config; the schema flags it (additionalProperties: false) so that
  // an editor underlines a typo such as "post" or "lint.rule".
  it.each([
    ['post', { post: 'source/_posts' }, 'unknown setting "post" is ignored'],
    ['lint.rule', { lint: { rule: { 'date-in-future': 'error' } } }, 'unknown setting "lint.rule" is ignored'],
  ])('flags the unknown key %s, which blog only warns about', (_key, config, warning) => {
    expect(bySchema(config)).toBe(false);
    expect(byValidator(config)).toEqual({ ok: true, warnings: [`blog.config.json: ${warning}`] });
  });

  it('"warning" is read as "warn"', () => {
    expect(validateConfig({ lint: { rules: { 'tag-comma': 'warning', 'date-in-future': 'warn' } } }, 'blog.config.json', [])).toEqual({
      lint: { rules: { 'tag-comma': 'warn', 'date-in-future': 'warn' } },
    });
  });

  it('checks a YAML config with the yaml-language-server modeline the README shows', () => {
    const text = [
      '# yaml-language-server: $schema=./node_modules/blogctl/schema/blog.config.schema.json',
      'posts: source/_posts',
      'timezone: Asia/Shanghai',
      'lint:',
      '  rules:',
      '    date-in-future: warning',
      '  allowedTags: [ChatGPT, 日常折腾]',
      '',
    ].join('\n');
    const root = tree({ 'blog.config.yaml': text });
    expect(bySchema(parseYaml(text))).toBe(true);
    const warnings: string[] = [];
    expect(readConfigFile(join(root, 'blog.config.yaml'), warnings)).toMatchObject({ lint: { rules: { 'date-in-future': 'warn' } } });
    expect(warnings).toEqual([]);
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain(text.split('\n')[0]);
    expect(readme).toContain('"$schema": "./node_modules/blogctl/schema/blog.config.schema.json"');
  });
});
