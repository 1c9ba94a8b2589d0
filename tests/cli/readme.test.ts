/**
 * The README and the tool must agree. Every `blog` command in the README's sh code blocks runs on
 * a fresh copy of this repository's posts/ (HOME a temp folder, `blog` the built binary on PATH)
 * and must succeed; every output shown after `$ npx blog …` must be what the command prints; the
 * 80-column table is what a terminal of 80 columns shows; the rule table lists every rule.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/core/lint/rules/index.js';
import { main } from '../../src/main.js';
import { binPath, fakeIo, repoRoot } from '../helpers.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

interface Block {
  info: string;
  lines: string[];
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /^```([^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ info: (m[1] ?? '').trim(), lines: (m[2] ?? '').replace(/\n$/, '').split('\n') });
  return out;
}

/** A command line without its trailing comment (a `#` after a space, outside quotes). */
function withoutComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && i > 0 && line[i - 1] === ' ') return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

const all = blocks(readme);
const commands = all.filter((b) => b.info === 'sh').flatMap((b) => b.lines.map(withoutComment).filter((l) => /(^|&& )blog /.test(l)));
const shown = all.filter((b) => b.info === '' && b.lines[0]?.startsWith('$ '));

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** A fresh copy of posts/, a home folder, and `blog` on PATH. */
function sandbox(): { cwd: string; env: NodeJS.ProcessEnv } {
  const root = mkdtempSync(join(tmpdir(), 'blog-readme-'));
  temps.push(root);
  cpSync(join(repoRoot, 'posts'), join(root, 'work', 'posts'), { recursive: true });
  mkdirSync(join(root, 'home'));
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'bin', 'blog'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)} "$@"\n`);
  chmodSync(join(root, 'bin', 'blog'), 0o755);
  const env = { PATH: `${join(root, 'bin')}:${process.env.PATH}`, HOME: join(root, 'home'), TZ: 'UTC', NO_COLOR: '1', LANG: 'C.UTF-8' };
  return { cwd: join(root, 'work'), env };
}

function sh(command: string, box = sandbox()): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', command], { cwd: box.cwd, env: box.env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('README', () => {
  it('has command examples to run', () => {
    expect(commands.length).toBeGreaterThan(30);
    expect(shown.length).toBeGreaterThanOrEqual(3);
  });

  it.each(commands)('%s', (command) => {
    const r = sh(command);
    expect(r.stderr, command).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(r.code, `${command}\n${r.stderr}`).toBe(0);
  });

  it.each(shown.map((b) => [b.lines[0] as string, b] as const))('shows what %s prints', (_first, block) => {
    // A block may show several commands, each followed by its output.
    const box = sandbox();
    let i = 0;
    while (i < block.lines.length) {
      const command = (block.lines[i] as string).slice(2).replace(/^npx blog /, 'blog ');
      const expected: string[] = [];
      for (i++; i < block.lines.length && !(block.lines[i] as string).startsWith('$ '); i++) expected.push(block.lines[i] as string);
      const r = sh(command, box);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toBe(`${expected.join('\n')}\n`);
    }
  });

  it('shows what a terminal of 80 columns shows', async () => {
    const at = readme.indexOf('On a terminal of 80 columns');
    const block = blocks(readme.slice(at))[0] as Block;
    const box = sandbox();
    const io = Object.assign(fakeIo(box.cwd), { stdoutIsTTY: true, stderrIsTTY: true, columns: 80 });
    expect(await main(['list', '--tag', 'ChatGPT'], io)).toBe(0);
    expect(io.out).toBe(`${block.lines.join('\n')}\n`);
  });

  it('lists every lint rule with its default and description', () => {
    for (const r of RULES) {
      const row = `| \`${r.id}\` | ${r.severity === 'warn' ? 'warning' : r.severity} | ${r.fixable ? 'yes' : ''} | ${r.description} |`;
      expect(readme, r.id).toContain(row);
    }
  });
});
