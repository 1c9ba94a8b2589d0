#!/usr/bin/env node
// Writes src/core/slug-hexo-table.ts: the letters hexo-util's slugize replaces before it turns
// punctuation into dashes (its escape_diacritic table), read from hexo-util itself (a
// devDependency, MIT licence), so that `blog new` in a Hexo site names files exactly as
// `hexo new` does. tests/unit/core/slug.test.ts compares the two on every character.
// Run after upgrading hexo-util: node scripts/gen-hexo-slug-table.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { slugize } = createRequire(import.meta.url)('hexo-util');
const map = {};
for (let c = 0x7f; c < 0x10000; c++) {
  if (c >= 0xd800 && c < 0xe000) continue;
  const ch = String.fromCharCode(c);
  if (/\s/.test(ch)) continue;
  const out = slugize(`a${ch}a`).slice(1, -1);
  if (out !== ch && /^[A-Za-z]+$/.test(out)) map[ch] = out;
}
const key = (k) => (k.charCodeAt(0) < 0xa0 ? `"\\u${k.charCodeAt(0).toString(16).padStart(4, "0")}"` : JSON.stringify(k));
const entries = Object.entries(map).map(([k, v]) => `${key(k)}: ${JSON.stringify(v)}`);
const lines = [];
for (let i = 0; i < entries.length; i += 12) lines.push(`  ${entries.slice(i, i + 12).join(', ')},`);
writeFileSync(
  new URL('../src/core/slug-hexo-table.ts', import.meta.url),
  `/**
 * The letters hexo-util's slugize replaces (its escape_diacritic table: letters with diacritics
 * and ligatures to ASCII), generated from hexo-util ${createRequire(import.meta.url)('hexo-util/package.json').version} (MIT licence, hexojs/hexo-util) by
 * scripts/gen-hexo-slug-table.mjs. Do not edit by hand.
 */
export const HEXO_DIACRITICS: Readonly<Record<string, string>> = {
${lines.join('\n')}
};
`,
);
console.log(`${entries.length} letters written to src/core/slug-hexo-table.ts`);
