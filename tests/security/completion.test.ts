/**
 * Completion never evaluates a name. The blog's tags and categories are data from the posts (a
 * cloned repository, a pull request): the completion scripts must offer them as quoted words
 * and never run them through the shell's expansions.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, binPath, blog, have, nodePath, sleep, tempDir, useTrees, writeTree } from './helpers.js';

const tree = useTrees();

/** The hostile names, as the posts' YAML reads them. */
const HOSTILE_TAGS = ['VS Code', '$(touch pwned1)', '`touch pwned2`', '${HOME}', `a'b"c`, 'x;touch pwned3', '*', '--rf', '日常 折腾'];
const MORE_TAGS = ['~root', '{x,y}', '$((6*7))', 'back\\slash', '!!', '<(touch pwned4)', "'quoted'"];

const yamlQuote = (s: string): string => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar

const BLOG = {
  'posts/a.md': `---\ntitle: A\ndate: 2025-01-01\ntags:\n${HOSTILE_TAGS.map((t) => `  - ${yamlQuote(t)}`).join('\n')}\ncategories: [技术, AI]\n---\nbody\n`,
  'posts/b.md': `---\ntitle: B\ndate: 2025-01-02\ntags:\n${MORE_TAGS.map((t) => `  - ${yamlQuote(t)}`).join('\n')}\n---\nbody\n`,
};

// Alone (the quotes of the other hostile names would interfere with today's compgen -W).
const CONTROL_BLOG = {
  // Names with control characters: never offered.
  'posts/c.md': `---\ntitle: C\ndate: 2025-01-03\ntags:\n  - plain\n  - "nl\\nx"\n  - "bel\\abel"\n  - "tab\\there"\n  - "esc\\e[31mred"\n  - "cr\\rcr"\n  - "rlo\\u202eevil"\n  - "nel\\u0085x"\n---\nbody\n`,
  // A raw ESC byte in a plain scalar, which a line scanner sees as text; a raw bidi mark (U+2067) too.
  'posts/d.md': `---\ntitle: D\ndate: 2025-01-04\ntags:\n  - rawesc\x1b]0;pwned\x07x\n  - rawbidi\u2067x\n---\nbody\n`,
};

const pwnedFiles = (...dirs: string[]): string[] => dirs.flatMap((d) => fs.readdirSync(d).filter((n) => n.startsWith('pwned')).map((n) => join(d, n)));

interface BashSetup {
  root: string;
  home: string;
  /** An empty folder (with two decoy files) where candidates are evaluated. */
  scratch: string;
  script: string;
}

function bashSetup(files: Record<string, string> = BLOG): BashSetup {
  const root = tree(files);
  const home = tempDir('blog-sec-home-');
  const scratch = tempDir('blog-sec-scratch-');
  fs.writeFileSync(join(scratch, 'decoy1'), '');
  fs.writeFileSync(join(scratch, 'decoy2'), '');
  const gen = blog(['completion', 'bash'], { cwd: root, env: { HOME: home } });
  expect(gen.code).toBe(0);
  const script = join(tempDir('blog-sec-script-'), 'blog.bash');
  fs.writeFileSync(script, gen.stdout);
  return { root, home, scratch, script };
}

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Source the script in a clean bash, with `blog` a function running the built binary, set
 * COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT for `words` (the last one being completed) and
 * call the registered completion function. Returns COMPREPLY as it is.
 */
function bashComplete(s: BashSetup, words: string[]): string[] {
  const line = words.join(' ');
  const program = `
blog() { ${sq(nodePath)} ${sq(binPath)} "$@"; }
source ${sq(s.script)}
spec=$(complete -p blog)
fn=\${spec##*-F }; fn=\${fn%% *}
COMP_WORDS=(${words.map(sq).join(' ')})
COMP_CWORD=${words.length - 1}
COMP_LINE=${sq(line)}
COMP_POINT=\${#COMP_LINE}
COMPREPLY=()
"$fn" blog "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%d\\0' "\${#COMPREPLY[@]}"
printf '%s\\0' "\${COMPREPLY[@]}"
`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { cwd: s.root, env: baseEnv({ HOME: s.home }), encoding: 'utf8', timeout: 20_000 });
  const parts = r.stdout.split('\0');
  const n = Number(parts[0]);
  expect(Number.isInteger(n), `bash driver output: ${JSON.stringify(r.stdout)} ${r.stderr}`).toBe(true);
  return parts.slice(1, 1 + n);
}

/** What the shell makes of each candidate when it is on a command line: `eval "w=( $c )"`, in the scratch folder. */
function evalWords(s: BashSetup, candidates: string[]): string[][] {
  if (candidates.length === 0) return [];
  const program = `for c in "$@"; do w=(); eval "w=( $c )" 2>/dev/null; printf '%d\\0' "\${#w[@]}"; [ "\${#w[@]}" -gt 0 ] && printf '%s\\0' "\${w[@]}"; done`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', program, 'eval', ...candidates], { cwd: s.scratch, env: baseEnv({ HOME: s.home }), encoding: 'utf8', timeout: 20_000 });
  const parts = r.stdout.split('\0');
  const out: string[][] = [];
  let i = 0;
  for (let k = 0; k < candidates.length; k++) {
    const n = Number(parts[i++]);
    out.push(parts.slice(i, i + n));
    i += n;
  }
  return out;
}

describe('bash: completion never evaluates a tag', () => {
  it('completing every tag of a blog with $(touch pwned1), `touch pwned2` and x;touch pwned3 runs nothing', () => {
    const s = bashSetup();
    for (const prefix of ['', '$', '$(', '`', 'x', 'x;', '<']) bashComplete(s, ['blog', 'list', '--tag', prefix]);
    expect(pwnedFiles(s.root, s.home, join(s.root, 'posts'))).toEqual([]);
  });

  it('every candidate is one shell word that evaluates to the exact tag text (VS Code, ${HOME}, a\'b"c, *, --rf, 日常 折腾 …)', () => {
    const s = bashSetup();
    const candidates = bashComplete(s, ['blog', 'list', '--tag', '']);
    const words = evalWords(s, candidates);
    const bad = candidates.filter((_c, i) => (words[i] as string[]).length !== 1);
    expect(bad, `candidates that are not exactly one word: ${JSON.stringify(candidates.map((c, i) => [c, words[i]]))}`).toEqual([]);
    expect(words.map((w) => w[0]).sort()).toEqual([...HOSTILE_TAGS, ...MORE_TAGS].sort());
    expect(pwnedFiles(s.root, s.home, s.scratch)).toEqual([]);
  });

  it('in a word opened with " or \', every candidate closed by that quote (as readline closes it) is one word, the exact tag text, and runs nothing; a name with ! is left out inside "', () => {
    const s = bashSetup();
    for (const quote of ['"', "'"]) {
      const candidates = bashComplete(s, ['blog', 'list', '--tag', quote]);
      const words = evalWords(s, candidates.map((c) => `${quote}${c}${quote}`));
      expect(words.map((w) => w.length), `${quote}: ${JSON.stringify(candidates)}`).toEqual(candidates.map(() => 1));
      // A name with a ! is not offered inside double quotes, where history expansion would take it.
      expect(words.map((w) => w[0]).sort()).toEqual([...HOSTILE_TAGS, ...MORE_TAGS].filter((t) => quote === "'" || !t.includes('!')).sort());
    }
    expect(pwnedFiles(s.root, s.home, s.scratch)).toEqual([]);
  });

  it('completing the prefix VS offers exactly one candidate, VS Code quoted as one word', () => {
    const s = bashSetup();
    const candidates = bashComplete(s, ['blog', 'list', '--tag', 'VS']);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatch(/^(VS\\ Code|'VS Code'|"VS Code")$/);
    expect(evalWords(s, candidates)).toEqual([['VS Code']]);
  });

  it('a tag named $(touch pwned1) completes from the prefix $( as that literal text and runs nothing', () => {
    const s = bashSetup();
    // Two tags start with $(: both are offered, each as its literal text.
    const candidates = bashComplete(s, ['blog', 'list', '--tag', '$(']);
    expect(evalWords(s, candidates).map((w) => w.join(' ')).sort()).toEqual(['$((6*7))', '$(touch pwned1)']);
    expect(evalWords(s, bashComplete(s, ['blog', 'list', '--tag', '$(t']))).toEqual([['$(touch pwned1)']]);
    expect(pwnedFiles(s.root, s.home, s.scratch)).toEqual([]);
  });

  it('a tag named * completes as the word * (never as the file names of the current folder)', () => {
    const s = bashSetup();
    const candidates = bashComplete(s, ['blog', 'list', '--tag', '*']);
    expect(evalWords(s, candidates)).toEqual([['*']]);
  });

  it('a tag named ${HOME} completes as that literal text, not as the home folder', () => {
    const s = bashSetup();
    const candidates = bashComplete(s, ['blog', 'list', '--tag', '$']);
    const words = evalWords(s, candidates).map((w) => w.join(' ')).sort();
    expect(words).toEqual(['$((6*7))', '$(touch pwned1)', '${HOME}']);
  });

  it('names with a newline, tab, BEL, CR, ESC, NEL or a bidi control such as U+202E (escaped or raw) are never offered', () => {
    const s = bashSetup(CONTROL_BLOG);
    for (const prefix of ['nl', 'bel', 'tab', 'esc', 'cr', 'rawesc', 'rlo', 'nel', 'rawbidi']) {
      expect(bashComplete(s, ['blog', 'list', '--tag', prefix]), `prefix ${prefix}`).toEqual([]);
    }
    expect(evalWords(s, bashComplete(s, ['blog', 'list', '--tag', '']))).toEqual([['plain']]);
  });

  it('--add, --remove (retag) and --tags (new) complete the same way: $(t gives the literal name and runs nothing', () => {
    const s = bashSetup();
    for (const words of [
      ['blog', 'retag', '--add', '$(t'],
      ['blog', 'retag', '--remove', '$(t'],
      ['blog', 'new', 'Title', '--tags', '$(t'],
    ]) {
      expect(evalWords(s, bashComplete(s, words)), words.join(' ')).toEqual([['$(touch pwned1)']]);
    }
    expect(pwnedFiles(s.root, s.home, s.scratch)).toEqual([]);
  });

  it('a category path [技术, AI] completes --category to single quoted words that name it', () => {
    const s = bashSetup();
    const candidates = bashComplete(s, ['blog', 'list', '--category', '技']);
    const words = evalWords(s, candidates);
    expect(candidates.length).toBeGreaterThan(0);
    for (const w of words) {
      expect(w).toHaveLength(1);
      expect(['技术', '技术 > AI']).toContain(w[0]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// zsh and fish: a real interactive shell in tmux.

class Tmux {
  readonly socket = `blog-sec-${process.pid}-${Math.random().toString(16).slice(2)}`;
  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 10_000 });
    return r.stdout;
  }
  private socketPath = '';
  start(cwd: string, launcher: string): void {
    this.tmux('new-session', '-d', '-x', '120', '-y', '30', '-s', 's', '-c', cwd, launcher);
    this.socketPath = this.tmux('display-message', '-p', '-t', 's', '#{socket_path}').trim();
  }
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 's', ...keys);
  }
  literal(text: string): void {
    this.tmux('send-keys', '-t', 's', '-l', text);
  }
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 's');
  }
  /** The command line: the last screen line with the prompt. */
  line(): string {
    // (capture-pane drops trailing spaces: an empty command line is "READY>")
    const lines = this.screen().split('\n').filter((l) => /READY>( |$)/.test(l));
    return (lines[lines.length - 1] ?? '').replace(/^.*?READY>( |$)/, '').trimEnd();
  }
  async waitFor(pred: () => boolean, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (pred()) return true;
      await sleep(100);
    }
    return pred();
  }
  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { timeout: 5_000 });
    if (this.socketPath) fs.rmSync(this.socketPath, { force: true });
  }
}

/** Run `body` with a fresh tmux server, killed afterwards (tests run concurrently: no shared state). */
async function withTmux<T>(body: (t: Tmux) => Promise<T>): Promise<T> {
  const t = new Tmux();
  try {
    return await body(t);
  } finally {
    t.kill();
  }
}

interface ShellSetup {
  root: string;
  home: string;
}

/** A PATH shim: `blog` runs the built binary. */
function shimDir(): string {
  const dir = tempDir('blog-sec-shim-');
  fs.writeFileSync(join(dir, 'blog'), `#!/bin/sh\nexec ${sq(nodePath)} ${sq(binPath)} "$@"\n`, { mode: 0o755 });
  return dir;
}

function launcher(env: Record<string, string>, shell: string): string {
  const file = join(tempDir('blog-sec-launch-'), 'launch.sh');
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${sq(v)}`);
  fs.writeFileSync(file, `#!/bin/sh\nexec env -i ${assignments.join(' ')} ${shell}\n`, { mode: 0o755 });
  return file;
}

async function startZsh(tmux: Tmux): Promise<ShellSetup> {
  const root = writeTree(tempDir(), BLOG);
  const home = tempDir('blog-sec-home-');
  const zdot = tempDir('blog-sec-zdot-');
  const fpathDir = tempDir('blog-sec-fpath-');
  const gen = blog(['completion', 'zsh'], { cwd: root, env: { HOME: home } });
  expect(gen.code).toBe(0);
  fs.writeFileSync(join(fpathDir, '_blog'), gen.stdout);
  fs.writeFileSync(join(zdot, '.zshrc'), `fpath=(${sq(fpathDir)} $fpath)\nautoload -U compinit && compinit -u -d ${sq(join(zdot, '.zcompdump'))}\nPS1='READY> '\nunsetopt BEEP\n`);
  const env = { ...baseEnv({ HOME: home }), ZDOTDIR: zdot, PATH: `${shimDir()}:${process.env.PATH}`, TERM: 'screen', SHELL: 'zsh' };
  tmux.start(root, launcher(env, 'zsh -i'));
  expect(await tmux.waitFor(() => tmux.screen().includes('READY>'), 10_000), `zsh did not start: ${tmux.screen()}`).toBe(true);
  return { root, home };
}

async function startFish(tmux: Tmux, files: Record<string, string> = BLOG): Promise<ShellSetup> {
  const root = writeTree(tempDir(), files);
  const home = tempDir('blog-sec-home-');
  const xdg = tempDir('blog-sec-xdg-');
  const completions = join(xdg, 'config', 'fish', 'completions');
  fs.mkdirSync(completions, { recursive: true });
  fs.mkdirSync(join(xdg, 'data'));
  fs.mkdirSync(join(xdg, 'cache'));
  const gen = blog(['completion', 'fish'], { cwd: root, env: { HOME: home } });
  expect(gen.code).toBe(0);
  fs.writeFileSync(join(completions, 'blog.fish'), gen.stdout);
  fs.writeFileSync(join(xdg, 'config', 'fish', 'config.fish'), "set -g fish_greeting\nfunction fish_prompt; echo -n 'READY> '; end\n");
  const env = {
    ...baseEnv({ HOME: home }),
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    PATH: `${shimDir()}:${process.env.PATH}`,
    TERM: 'screen',
  };
  tmux.start(root, launcher(env, 'fish -i'));
  expect(await tmux.waitFor(() => tmux.screen().includes('READY>'), 10_000), `fish did not start: ${tmux.screen()}`).toBe(true);
  return { root, home };
}

const VS_CODE_WORD = /^blog list --tag (VS\\ Code|'VS Code'|"VS Code")\s*$/;

/** Type `text`, press Tab (up to `tabs` times) until the line changes; returns the command line. */
async function typeAndTab(t: Tmux, text: string, tabs: number): Promise<string> {
  t.literal(text);
  await t.waitFor(() => t.line() === text, 3_000);
  for (let i = 0; i < tabs; i++) {
    t.keys('Tab');
    if (await t.waitFor(() => t.line() !== text, 3_000)) break;
  }
  await sleep(300);
  return t.line();
}

/** Type each hostile prefix, Tab twice, clear the line (never Enter). */
async function hostilePrefixes(t: Tmux): Promise<void> {
  for (const text of ["blog list --tag '$(", 'blog list --tag $(', 'blog list --tag ']) {
    t.literal(text);
    await t.waitFor(() => t.line() === text, 1_000);
    t.keys('Tab');
    await sleep(600);
    t.keys('Tab');
    await sleep(600);
    t.keys('C-c');
    await t.waitFor(() => t.line() === '', 1_000);
  }
}

const ZSH = have('zsh') && have('tmux');
const FISH = have('fish') && have('tmux');

// Each test drives its own tmux server, so they run at the same time.
describe.concurrent('zsh and fish (interactive, in tmux): completion never evaluates a tag', () => {
  it.skipIf(!ZSH)('zsh: blog list --tag VS then Tab puts VS Code on the line as one quoted word', () =>
    withTmux(async (tmux) => {
      await startZsh(tmux);
      const line = await typeAndTab(tmux, 'blog list --tag VS', 2);
      expect(line).toMatch(VS_CODE_WORD);
    }));

  it.skipIf(!ZSH)('zsh: the first Tab in a new shell already completes a tag (the autoloaded _blog completes on its first call)', () =>
    withTmux(async (tmux) => {
      await startZsh(tmux);
      const line = await typeAndTab(tmux, 'blog list --tag VS', 1);
      expect(line).toMatch(VS_CODE_WORD);
    }));

  it.skipIf(!ZSH)('zsh: Tab after hostile prefixes (quoted $(, $( and the empty word: every tag offered) creates no pwned file', () =>
    withTmux(async (tmux) => {
      const { root, home } = await startZsh(tmux);
      await hostilePrefixes(tmux);
      expect(pwnedFiles(root, home)).toEqual([]);
    }));

  it.skipIf(!FISH)('fish: blog list --tag VS then Tab puts VS Code on the line as one quoted word', () =>
    withTmux(async (tmux) => {
      await startFish(tmux);
      const line = await typeAndTab(tmux, 'blog list --tag VS', 1);
      expect(line).toMatch(VS_CODE_WORD);
    }));

  it.skipIf(!FISH)('fish: Tab after hostile prefixes (quoted $(, $( and the empty word: every tag offered) creates no pwned file', () =>
    withTmux(async (tmux) => {
      const { root, home } = await startFish(tmux);
      await hostilePrefixes(tmux);
      expect(pwnedFiles(root, home)).toEqual([]);
    }));

  it.skipIf(!have('fish'))('fish: the value of --tag is completed with tags only, most used first (files of the folder were offered among them, sorted by name)', () => {
    const root = writeTree(tempDir(), {
      'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [zeta, alpha]\n---\n',
      'posts/b.md': '---\ntitle: B\ndate: 2025-01-02\ntags: [zeta]\n---\n',
      'package.json': '{}',
      'notes.txt': 'x',
    });
    const home = tempDir('blog-sec-home-');
    const script = join(tempDir('blog-sec-fish-'), 'blog.fish');
    fs.writeFileSync(script, blog(['completion', 'fish'], { cwd: root, env: { HOME: home } }).stdout);
    const env = { ...baseEnv({ HOME: home }), PATH: `${shimDir()}:${process.env.PATH}` };
    const run = (line: string): string[] => spawnSync('fish', ['--no-config', '-c', `source ${sq(script)}; complete -C ${sq(line)}`], { cwd: root, env, encoding: 'utf8', timeout: 20_000 }).stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0] as string);
    expect(run('blog list --tag ')).toEqual(['zeta', 'alpha']);
    expect(run('blog list --format ')).toEqual(['csv', 'json', 'paths', 'table']);
    expect(run('blog lint ')).toContain('notes.txt');
  });

  it.skipIf(!FISH)('fish: a tag with a newline is never offered (prefix nl completes nothing)', () =>
    withTmux(async (tmux) => {
      await startFish(tmux, CONTROL_BLOG);
      const line = await typeAndTab(tmux, 'blog list --tag nl', 1);
      expect(line).toBe('blog list --tag nl');
    }));
});
