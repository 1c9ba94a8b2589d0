#!/usr/bin/env node
// The naive baseline: fast-glob + gray-matter (default call) + a tag filter.
import fg from 'fast-glob';
import matter from 'gray-matter';
import { readFileSync } from 'node:fs';

const [dir, tag] = process.argv.slice(2);
const files = await fg('**/*.{md,markdown}', { cwd: dir, absolute: true });
let n = 0;
for (const f of files) {
  try {
    const { data } = matter(readFileSync(f, 'utf8'));
    const tags = Array.isArray(data.tags) ? data.tags : data.tags ? [data.tags] : [];
    if (tags.includes(tag)) n++;
  } catch {
    // a broken post
  }
}
console.log(`${n} of ${files.length}`);
