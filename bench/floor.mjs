#!/usr/bin/env node
// The floor: read the first 4 KB of every post file under a folder, parse nothing.
// Blocking reads, as the fastest plain Node loop does; a reference for `blog` to be measured against.
import fs from 'node:fs';
import { join } from 'node:path';

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(md|markdown)$/.test(e.name)) out.push(p);
  }
  return out;
}

const files = walk(process.argv[2], []);
const buf = Buffer.alloc(4096);
let bytes = 0;
for (const f of files) {
  const fd = fs.openSync(f, 'r');
  bytes += fs.readSync(fd, buf, 0, 4096, 0);
  fs.closeSync(fd);
}
console.log(`${files.length} files, ${bytes} bytes`);
