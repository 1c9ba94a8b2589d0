#!/usr/bin/env node
// Benchmark: whole `blog` processes on generated corpora, against the floor (first 4 KB of
// every file, parsed nothing), `cat`, a naive fast-glob + gray-matter script and, when installed,
// `hugo list all` on the same posts, in one run.
// Usage: npm run bench [-- --sizes 1000,10000] [--large] [--runs 5] [--out report.md]
// blog runs as CI runs it: CI=true, on a fresh process each time (there is no index or cache).
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.bench');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i === -1 ? def : args[i + 1];
};
const sizes = opt('--sizes', '1000,10000').split(',').map(Number);
if (args.includes('--large')) sizes.push(100000);
const runs = Number(opt('--runs', '5'));
const out = opt('--out', undefined);
const blog = join(root, 'bin', 'blog.js');
const node = process.execPath;
const hasTime = existsSync('/usr/bin/time');
const hugo = ['/usr/bin/hugo', '/usr/local/bin/hugo'].find((p) => existsSync(p));
const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
delete env.BLOG_THREADS;

/** One timed process: wall seconds and peak RSS (KB) from GNU time when present. */
function once(cmd, cmdArgs, cwd, extraEnv) {
  const started = process.hrtime.bigint();
  const options = { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...env, ...extraEnv } };
  const r = hasTime ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...cmdArgs], options) : spawnSync(cmd, cmdArgs, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const rss = hasTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, rss };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/**
 * Warm up once, then `runs` runs: median, min-max spread, peak RSS. `prepare` runs untimed before
 * each. Each run is paired with a run of its reference (`ref`) just before it, and the ratio is
 * the median of the per-pair ratios: on a noisy machine a ratio of neighbours holds where a
 * ratio against a reference timed minutes earlier does not.
 */
function measure(c, cwd) {
  c.prepare?.();
  once(c.cmd, c.args, cwd, c.env);
  const times = [];
  const refs = [];
  const ratios = [];
  let rss = 0;
  for (let i = 0; i < (c.runs ?? runs); i++) {
    c.prepare?.();
    const ref = c.ref ? once(c.ref[0], c.ref[1], cwd).seconds : undefined;
    const r = once(c.cmd, c.args, cwd, c.env);
    times.push(r.seconds);
    if (ref !== undefined) {
      refs.push(ref);
      ratios.push(r.seconds / ref);
    }
    rss = Math.max(rss, r.rss);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), rss, ref: refs.length ? median(refs) : undefined, ratio: ratios.length ? median(ratios) : undefined };
}

const rows = [];
for (const size of sizes) {
  const corpus = join(work, `posts-${size}`);
  if (!existsSync(join(corpus, '.complete'))) {
    process.stderr.write(`generating ${size} posts...\n`);
    generateCorpus(size, corpus, 42);
    writeFileSync(join(corpus, '.complete'), '');
  }
  const copy = join(work, `retag-${size}`);
  const fresh = () => {
    rmSync(copy, { recursive: true, force: true });
    cpSync(corpus, copy, { recursive: true });
  };
  const scratch = join(work, `new-${size}`);
  mkdirSync(scratch, { recursive: true });
  const floor = [node, [join(root, 'bench/floor.mjs'), corpus]];
  const cat = ['bash', ['-c', `find ${JSON.stringify(corpus)} -name '*.md' -print0 | xargs -0 cat > /dev/null`]];
  const bare = [node, ['-e', '0']];
  const b = (name, blogArgs, extra = {}) => ({ name, cmd: node, args: [blog, ...blogArgs], ref: floor, target: 'floor', ...extra });
  const cases = [
    { name: 'node -e 0', cmd: bare[0], args: bare[1] },
    { name: 'floor: first 4 KB of every file', cmd: floor[0], args: floor[1], ref: floor, target: 'floor' },
    { name: 'cat every file', cmd: cat[0], args: cat[1], ref: floor, target: 'floor' },
    { name: 'naive: fast-glob + gray-matter', cmd: node, args: [join(root, 'bench/naive.mjs'), corpus, 'ChatGPT'], ref: floor, target: 'floor' },
    { name: 'blog --version', cmd: node, args: [blog, '--version'], ref: bare, target: 'node -e 0' },
    { name: 'blog new "x" --dry-run', cmd: node, args: [blog, 'new', 'Benchmark post', '--dir', corpus, '--dry-run'], ref: bare, target: 'node -e 0' },
    b('blog list --tag ChatGPT', ['list', '--tag', 'ChatGPT', '--dir', corpus]),
    b('blog list --json', ['list', '--json', '--dir', corpus]),
    b('blog list --json, two threads (BLOG_THREADS=2)', ['list', '--json', '--dir', corpus], { env: { BLOG_THREADS: '2' } }),
    b('blog tags', ['tags', '--dir', corpus]),
    b('blog lint', ['lint', '--dir', corpus]),
    b('blog lint, one thread (BLOG_THREADS=1)', ['lint', '--dir', corpus], { env: { BLOG_THREADS: '1' } }),
    b('blog stats (words)', ['stats', '--dir', corpus], { ref: cat, target: 'cat' }),
    b('blog retag Linux linux --dry-run', ['retag', 'Linux', 'linux', '--dir', corpus, '--dry-run']),
    b('blog retag Linux linux --yes', ['retag', 'Linux', 'linux', '--dir', copy, '--yes'], { prepare: fresh }),
  ];
  if (hugo) {
    // The same posts as a Hugo site's content (Hugo reads the Hexo-style front matter as YAML).
    const site = join(work, `hugo-${size}`);
    if (!existsSync(join(site, 'content'))) {
      mkdirSync(site, { recursive: true });
      writeFileSync(join(site, 'hugo.toml'), 'baseURL = "https://example.org/"\ntitle = "bench"\n');
      symlinkSync(corpus, join(site, 'content'));
    }
    cases.push({ name: `hugo list all (${execFileSync(hugo, ['version'], { encoding: 'utf8' }).split(' ')[1] ?? 'hugo'})`, cmd: hugo, args: ['list', 'all', '--source', site], ref: floor, target: 'floor', runs: Math.min(runs, 3) });
  }
  for (const c of cases) {
    process.stderr.write(`${size} ${c.name}\n`);
    rows.push({ size, ...c, ...measure(c, scratch) });
  }
  rmSync(copy, { recursive: true, force: true });
}

const fmt = (s) => s.toFixed(2);
const lines = [
  `Benchmark of blog ${execFileSync(node, [blog, '--version'], { encoding: 'utf8' }).trim()}, Node ${process.version}, ${availableParallelism()} cores, CI=true, ${runs} runs after a warm-up, warm page cache. Each run is paired with a run of its reference just before it; the ratio is the median of the per-pair ratios (the reference's median in seconds in brackets).`,
  '',
  '| posts | command | median s | min–max s | ratio | to | peak RSS MB |',
  '| ---: | --- | ---: | ---: | ---: | --- | ---: |',
];
for (const r of rows) {
  const ratio = r.ratio === undefined ? '' : `${r.ratio.toFixed(2)} (${fmt(r.ref)})`;
  lines.push(`| ${r.size} | ${r.name} | ${fmt(r.median)} | ${fmt(r.min)}–${fmt(r.max)} | ${ratio} | ${r.target ?? ''} | ${Number.isNaN(r.rss) ? 'n/a' : (r.rss / 1024).toFixed(0)} |`);
}
const report = `${lines.join('\n')}\n`;
if (out) writeFileSync(out, report);
process.stdout.write(report);
