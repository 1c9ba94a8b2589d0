/**
 * The prefilter's first look at a file: from its first 4 KB, whether it can be ruled out
 * without parsing it.
 */

/** First read: most front matter fits in 4 KB (the median block is a few hundred bytes). */
export const HEAD_BYTES = 4 * 1024;

export const FENCES = [Buffer.from('\n---\n'), Buffer.from('\n---\r\n'), Buffer.from('\n+++\n'), Buffer.from('\n+++\r\n')];

/**
 * For a `---` or `+++` block opened on line 1: the index just past the first exact closing fence
 * line in these bytes, or -1 when there is none. A parser may close the block earlier (`...`, a
 * fence with trailing spaces, Hexo's longer dashes), never later: the bytes before this index
 * hold the whole front matter.
 */
export function frontMatterEnd(bytes: Uint8Array): number {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const opener = b.toString('latin1', start, start + 5);
  if (!/^(---|\+\+\+)\r?\n/.test(opener)) return -1;
  const [lf, crlf] = (opener.startsWith('+++') ? [FENCES[2], FENCES[3]] : [FENCES[0], FENCES[1]]) as [Buffer, Buffer];
  const a = b.indexOf(lf, start + 3);
  const c = b.indexOf(crlf, start + 3);
  if (a === -1 && c === -1) return -1;
  return a !== -1 && (c === -1 || a < c) ? a + lf.length : c + crlf.length;
}

/**
 * Whether the first read of a file (`filled` bytes, `eof` when the file ended) rules it out:
 * the names cannot be in its front matter. Only the front matter's bytes are looked at when it
 * closes in the head (a name or a backslash in the body must not make a post be parsed).
 */
export function ruledOut(head: Buffer, filled: number, eof: boolean, mayMatch: (bytes: Uint8Array) => boolean): boolean {
  const usable = eof ? head.subarray(0, filled) : head.subarray(0, head.lastIndexOf(0x0a, filled - 1) + 1);
  const end = frontMatterEnd(usable);
  if (end !== -1) return !mayMatch(usable.subarray(0, end));
  return eof && !mayMatch(usable);
}
