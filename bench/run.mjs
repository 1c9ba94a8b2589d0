#!/usr/bin/env node
// Benchmark: whole `blog` processes on generated corpora, against the floor (first 4 KB of
// every file, parsed nothing), `cat`, and a naive fast-glob + gray-matter script, in one run.
// Usage: npm run bench [-- --sizes 1000,10000] [--large] [--runs 5] [--out report.md]
// blog commands run with their post index (kept in .bench/cache), and again with --no-cache.
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
// blog's post index (on by default) lives here, not in the home folder; CI=true would turn it off.
const cacheDir = join(work, 'cache');
const env = { ...process.env, NO_COLOR: '1', BLOG_CACHE_DIR: cacheDir };
delete env.CI;

/** One timed process: wall seconds and peak RSS (KB) from GNU time when present. */
function once(cmd, cmdArgs, cwd) {
  const started = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...cmdArgs], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env })
    : spawnSync(cmd, cmdArgs, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const rss = hasTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, rss };
}

/**
 * Warm up once, then `runs` runs: median, min-max spread, peak RSS. `prepare` runs untimed before
 * each. With `floor`, each run is paired with a run of the floor just before it, and the ratio is
 * taken against the median of those floor runs: on a noisy machine a ratio of neighbours holds
 * where a ratio against a floor timed minutes earlier does not.
 */
function measure(cmd, cmdArgs, cwd, prepare, floor) {
  prepare?.();
  once(cmd, cmdArgs, cwd);
  const times = [];
  const floors = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    prepare?.();
    if (floor) floors.push(once(floor[0], floor[1], cwd).seconds);
    const r = once(cmd, cmdArgs, cwd);
    times.push(r.seconds);
    rss = Math.max(rss, r.rss);
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  times.sort((a, b) => a - b);
  return { median: median(times), min: times[0], max: times[times.length - 1], rss, floor: floors.length ? median(floors) : undefined };
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
  const noIndex = () => rmSync(cacheDir, { recursive: true, force: true });
  const scratch = join(work, `new-${size}`);
  mkdirSync(scratch, { recursive: true });
  const cases = [
    ['node -e 0', node, ['-e', '0']],
    ['floor: first 4 KB of every file', node, [join(root, 'bench/floor.mjs'), corpus]],
    ['cat every file', 'bash', ['-c', `find ${JSON.stringify(corpus)} -name '*.md' -print0 | xargs -0 cat > /dev/null`]],
    ['naive: fast-glob + gray-matter', node, [join(root, 'bench/naive.mjs'), corpus, 'ChatGPT']],
    ['blog --version', node, [blog, '--version']],
    ['blog new "x" --dry-run', node, [blog, 'new', 'Benchmark post', '--dir', corpus, '--dry-run']],
    // The post index is warm after the warm-up run; --no-cache reads every file; "first run"
    // starts each run without an index and builds it.
    ['blog list --tag ChatGPT', node, [blog, 'list', '--tag', 'ChatGPT', '--dir', corpus]],
    ['blog list --tag ChatGPT --no-cache', node, [blog, 'list', '--tag', 'ChatGPT', '--dir', corpus, '--no-cache']],
    ['blog list --tag ChatGPT, first run', node, [blog, 'list', '--tag', 'ChatGPT', '--dir', corpus], noIndex],
    ['blog list --json', node, [blog, 'list', '--json', '--dir', corpus]],
    ['blog list --json --no-cache', node, [blog, 'list', '--json', '--dir', corpus, '--no-cache']],
    ['blog tags', node, [blog, 'tags', '--dir', corpus]],
    ['blog tags --no-cache', node, [blog, 'tags', '--dir', corpus, '--no-cache']],
    ['blog lint', node, [blog, 'lint', '--dir', corpus]],
    ['blog lint --no-cache', node, [blog, 'lint', '--dir', corpus, '--no-cache']],
    ['blog lint, first run', node, [blog, 'lint', '--dir', corpus], noIndex],
    ['blog retag Linux linux --dry-run', node, [blog, 'retag', 'Linux', 'linux', '--dir', corpus, '--dry-run']],
    ['blog retag Linux linux --yes', node, [blog, 'retag', 'Linux', 'linux', '--dir', copy, '--yes'], fresh],
  ];
  const floorCase = [node, [join(root, 'bench/floor.mjs'), corpus]];
  for (const [name, cmd, cmdArgs, prepare] of cases) {
    process.stderr.write(`${size} ${name}\n`);
    // Start-up commands are paired with `node -e 0` (their target), the others with the floor.
    const startup = name === 'blog --version' || name.startsWith('blog new');
    const paired = startup ? [node, ['-e', '0']] : name.startsWith('blog') || name.startsWith('naive') || name.startsWith('cat') ? floorCase : undefined;
    rows.push({ size, name, startup, ...measure(cmd, cmdArgs, scratch, prepare, paired) });
  }
  rmSync(copy, { recursive: true, force: true });
}

const fmt = (s) => s.toFixed(2);
const lines = [
  `Benchmark of blog ${execFileSync(node, [blog, "--version"], { encoding: "utf8" }).trim()}, Node ${process.version}, ${runs} runs after a warm-up, warm page cache. Ratios in brackets are against reference runs paired with each run (their median in seconds): the floor for reading commands, \`node -e 0\` for start-up ones.`,
  '',
  '| posts | command | median s | min–max s | × floor | × node -e 0 | peak RSS MB |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
];
for (const size of sizes) {
  const floor = rows.find((r) => r.size === size && r.name.startsWith('floor'));
  const bare = rows.find((r) => r.size === size && r.name === 'node -e 0');
  for (const r of rows.filter((x) => x.size === size)) {
    lines.push(`| ${size} | ${r.name} | ${fmt(r.median)} | ${fmt(r.min)}–${fmt(r.max)} | ${r.startup ? (r.median / floor.median).toFixed(2) : `${(r.median / (r.floor ?? floor.median)).toFixed(2)}${r.floor ? ` (${fmt(r.floor)})` : ''}`} | ${r.startup ? `${(r.median / r.floor).toFixed(2)} (${fmt(r.floor)})` : (r.median / bare.median).toFixed(2)} | ${Number.isNaN(r.rss) ? 'n/a' : (r.rss / 1024).toFixed(0)} |`);
  }
}
const report = `${lines.join('\n')}\n`;
if (out) writeFileSync(out, report);
process.stdout.write(report);
