#!/usr/bin/env node
// Deterministic generator of realistic Hexo-style corpora: same seed and count, same bytes.
// Usage: node bench/generate.mjs <count> <out-dir> [seed]
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN = 'the a of to and in is for on with how why what when notes guide deep dive into building fast safe small tool blog post year review lessons learned writing code model prompt agent data cache index search parser editor terminal release shipping testing debugging'.split(' ');
const ZH = '今天 我们 一个 如何 为什么 使用 笔记 总结 教程 折腾 记录 配置 部署 服务器 博客 前端 后端 模型 数据 性能 优化 问题 解决 方案 体验 分享 学习 工具 效率 生活 旅行 读书 电影 音乐'.split(' ');
const BASE_TAGS = ['ChatGPT', 'chatgpt', 'DeepSeek', 'Claude', 'LLM', 'AI', 'JavaScript', 'TypeScript', 'Node.js', 'Vue', 'React', 'CSS', 'Linux', 'Docker', 'Git', 'Hexo', 'Hugo', 'Jekyll', 'Python', 'Rust', 'Go', '前端', '后端', '日常折腾', '读书笔记', '年终总结', '效率', '工具', '旅行', '摄影', '随笔', '生活', '开源', '教程', '运维', '数据库', '算法'];
const TAGS = [...BASE_TAGS];
for (let i = 0; TAGS.length < 320; i++) TAGS.push(i % 3 === 0 ? `话题${i}` : `topic-${i}`);
const CATS = ['日常折腾', '技术', '前端', '后端', '生活', '随笔', 'Notes', 'Tools', 'AI', '读书'];

export function generatePost(i, rand) {
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  // Zipf-like: small indexes are much more likely.
  const zipf = (n) => Math.min(n - 1, Math.floor(Math.pow(rand(), 2.2) * n));
  const zh = rand() < 0.5;
  const words = Array.from({ length: 3 + Math.floor(rand() * 8) }, () => pick(zh ? ZH : EN));
  let title = zh ? words.join('') : words.join(' ').replace(/^./, (c) => c.toUpperCase());
  if (rand() < 0.05) title = `ChatGPT-${i % 9}将免费开放？官方回应：${title}`;
  if (rand() < 0.05) title = `"${title}: part ${i % 7}"`;
  const tagCount = Math.floor(rand() * 5);
  const tags = [...new Set(Array.from({ length: tagCount }, () => TAGS[zipf(TAGS.length)]))];
  if (rand() < 0.04 && !tags.includes('ChatGPT')) tags.push('ChatGPT');
  const year = 2012 + Math.floor(rand() * 14);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const pad = (n) => String(n).padStart(2, '0');
  let date = `${year}-${pad(month)}-${pad(day)} ${pad(Math.floor(rand() * 24))}:${pad(Math.floor(rand() * 60))}:${pad(Math.floor(rand() * 60))}`;
  if (rand() < 0.1) date += pick([' +0800', ' -0500', '+08:00', 'Z']).replace(/^(\d)/, ' $1');
  const inline = rand() < 0.01;
  const lines = ['---', `title: ${title}`, `date: ${date}`];
  if (tags.length === 0) lines.push(rand() < 0.5 ? 'tags: []' : 'tags:');
  else if (inline) lines.push(`tags: [${tags.join(', ')}]`);
  else if (tags.length === 1 && rand() < 0.2) lines.push(`tags: ${tags[0]}`);
  else lines.push('tags:', ...tags.map((t) => `  - ${t}`));
  const catShape = rand();
  if (catShape < 0.5) lines.push(`categories: ${pick(CATS)}`);
  else if (catShape < 0.8) lines.push('categories:', `  - ${pick(CATS)}`, `  - ${pick(CATS)}`);
  else lines.push('categories:', `  - - ${pick(CATS)}`, `    - ${pick(CATS)}`, `  - - ${pick(CATS)}`);
  if (rand() < 0.03) lines.push('draft: true');
  if (rand() < 0.2) lines.push(`# imported from WordPress, id ${i}`, `id: '${1000 + i}'`);
  lines.push('---', '');
  // Body: log-normal length, median ~3 KB, a long tail past 100 KB.
  const target = Math.min(400_000, Math.floor(Math.exp(7.3 + rand() * rand() * 4.5 + rand() * 0.8)));
  const body = [];
  let size = 0;
  while (size < target) {
    const r = rand();
    let para;
    if (r < 0.1) para = '```js\nconst x = await fetch(url);\nconsole.log(x.status);\n```';
    else if (r < 0.12) para = '---';
    else para = Array.from({ length: 20 + Math.floor(rand() * 60) }, () => pick(zh ? ZH : EN)).join(zh ? '' : ' ');
    body.push(para, '');
    size += Buffer.byteLength(para) + 2;
  }
  let text = `${lines.join('\n')}\n${body.join('\n')}`;
  const r = rand();
  if (r < 0.01) text = text.replace(/\n/g, '\r\n');
  else if (r < 0.02) text = `\uFEFF${text}`;
  return text;
}

export function generateCorpus(count, outDir, seed = 42) {
  rmSync(outDir, { recursive: true, force: true });
  const rand = mulberry32(seed);
  const perDir = 1000;
  for (let i = 0; i < count; i++) {
    const dir = join(outDir, `batch-${String(Math.floor(i / perDir)).padStart(3, '0')}`);
    if (i % perDir === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `post-${String(i).padStart(6, '0')}.md`), generatePost(i, rand));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, out, seed] = process.argv.slice(2);
  if (!count || !out) {
    console.error('usage: node bench/generate.mjs <count> <out-dir> [seed]');
    process.exit(2);
  }
  generateCorpus(Number(count), out, seed ? Number(seed) : 42);
}
