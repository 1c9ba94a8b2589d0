import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binPath, runBlog, useTempTrees } from '../helpers.js';

const tree = useTempTrees();

/** Run the generated bash completion in a real bash for the words typed so far; returns the candidates. */
function complete(cwd: string, words: string[]): { candidates: string[]; spec: string } {
  const script = runBlog(['completion', 'bash'], { cwd }).stdout;
  const bash = `
blog() { node ${JSON.stringify(binPath)} "$@"; }
${script}
COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})
COMP_CWORD=${words.length - 1}
_blog
complete -p blog
printf '%s\\n' "\${COMPREPLY[@]}"
`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', bash], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const [spec = '', ...candidates] = r.stdout.split('\n').filter(Boolean);
  return { candidates, spec };
}

describe('blog completion bash, in a real bash', () => {
  const blog = { 'posts/a.md': '---\ntitle: A\ntags: [ChatGPT, Claude]\ncategories: [日常折腾]\n---\n', 'posts/b.md': '---\ntitle: B\ntags:\n  - ChatGPT\n  - 随笔\n---\n' };

  it('registers the function and completes commands, options and option values', () => {
    const root = tree(blog);
    const first = complete(root, ['blog', 'li']);
    expect(first.spec).toBe('complete -o default -F _blog blog');
    expect(first.candidates).toEqual(['list', 'lint']);
    expect(complete(root, ['blog', 'list', '--fo']).candidates).toEqual(['--format']);
    expect(complete(root, ['blog', 'list', '--format', '']).candidates).toEqual(['table', 'json', 'csv', 'paths']);
    expect(complete(root, ['blog', 'lint', '--format', 's']).candidates).toEqual(['stylish', 'sarif']);
  });

  it('completes --tag and --category values from the blog in the current folder, most used first', () => {
    const root = tree(blog);
    expect(complete(root, ['blog', 'list', '--tag', '']).candidates).toEqual(['ChatGPT', 'Claude', '随笔']);
    expect(complete(root, ['blog', 'list', '--tag', 'Ch']).candidates).toEqual(['ChatGPT']);
    expect(complete(root, ['blog', 'retag', '--remove', '随']).candidates).toEqual(['随笔']);
    expect(complete(root, ['blog', 'list', '-c', '']).candidates).toEqual(['日常折腾']);
  });

  it('in a word opened with a quote, each name is quoted for that quote (readline keeps the quote and closes it): "技术 > 工具", not "技术\\ \\>\\ 工具", which names nothing', () => {
    const root = tree({ 'posts/a.md': '---\ntitle: A\ntags: [\'a"b\', \'d$x\', "q\'r", \'b\\s\']\ncategories: [[技术, 工具]]\n---\n' });
    expect(complete(root, ['blog', 'list', '--category', '"技术 >']).candidates).toEqual(['技术 > 工具']);
    expect(complete(root, ['blog', 'list', '--category', "'技术 >"]).candidates).toEqual(['技术 > 工具']);
    expect(complete(root, ['blog', 'list', '--category', '技术\\ >']).candidates).toEqual(['技术\\ \\>\\ 工具']);
    const dq = complete(root, ['blog', 'list', '--tag', '"']).candidates;
    const sq = complete(root, ['blog', 'list', '--tag', "'"]).candidates;
    expect(dq).toEqual(['a\\"b', 'b\\\\s', 'd\\$x', "q'r"]);
    expect(sq).toEqual(['a"b', 'b\\s', 'd$x', "q'\\''r"]);
    // What the shell makes of each, quotes closed as readline closes them: the name itself.
    const words = (quoted: string[]): string[] => spawnSync('bash', ['--norc', '--noprofile', '-c', `printf '%s\\n' ${quoted.join(' ')}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    expect(words(dq.map((c) => `"${c}"`))).toEqual(['a"b', 'b\\s', 'd$x', "q'r"]);
    expect(words(sq.map((c) => `'${c}'`))).toEqual(['a"b', 'b\\s', 'd$x', "q'r"]);
  });

  it('zsh and fish scripts come from the same command tree', () => {
    const root = tree(blog);
    const zsh = runBlog(['completion', 'zsh'], { cwd: root }).stdout;
    expect(zsh).toMatch(/^#compdef blog\n/);
    expect(zsh).toContain(`'*'{-t,--tag}'[only posts with this tag (repeat\\: all must match)]:tag:_blog_names tags'`);
    expect(zsh).toContain('compadd "${@[1,-2]}" -a names');
    const fish = runBlog(['completion', 'fish'], { cwd: root }).stdout;
    expect(fish).toContain(`complete -c blog -n "__fish_seen_subcommand_from list ls" -l format -s f -x -a 'table json csv paths' -d 'output format'`);
    expect(fish).toContain(`complete -c blog -n "__fish_seen_subcommand_from list ls" -l tag -s t -x -k -a "(blog __complete tags 2>/dev/null)"`);
    expect(runBlog(['completion', 'tcsh'], { cwd: root })).toMatchObject({ code: 2 });
  });
});
