/**
 * The prefilter's first look at a file: from its first 4 KB, whether it can be ruled out
 * without parsing it.
 */

/** First read: most front matter fits in 4 KB (the median block is a few hundred bytes). */
export const HEAD_BYTES = 4 * 1024;

export const FENCES = [Buffer.from('\n---\n'), Buffer.from('\n---\r\n'), Buffer.from('\n+++\n'), Buffer.from('\n+++\r\n')];

/** Whether a `---` or `+++` block opened on line 1 closes within these bytes (for the prefilter). */
export function frontMatterClosedIn(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const opener = b.toString('latin1', start, start + 5);
  const toml = opener.startsWith('+++');
  if (!/^(---|\+\+\+)\r?\n/.test(opener)) return false;
  const [lf, crlf] = toml ? [FENCES[2], FENCES[3]] : [FENCES[0], FENCES[1]];
  return b.indexOf(lf as Buffer, start + 3) !== -1 || b.indexOf(crlf as Buffer, start + 3) !== -1;
}

/**
 * Whether the first read of a file (`filled` bytes, `eof` when the file ended) rules it out:
 * `mayMatch` says no, and the whole front matter is in those bytes.
 */
export function ruledOut(head: Buffer, filled: number, eof: boolean, mayMatch: (bytes: Uint8Array) => boolean): boolean {
  const usable = eof ? head.subarray(0, filled) : head.subarray(0, head.lastIndexOf(0x0a, filled - 1) + 1);
  return !mayMatch(usable) && (eof || frontMatterClosedIn(usable));
}
