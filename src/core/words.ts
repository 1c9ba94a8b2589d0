/**
 * Counting words as writers count them, for `blog stats`: every CJK character is a word (as
 * writers of Chinese, Japanese and Korean count), other words are runs of letters and digits,
 * with `'x` and `’x` letter groups joined (`it's`, `o’clock`): in regex terms, the CJK characters
 * plus the matches of /[\p{L}\p{N}]+(?:['’]\p{L}+)*\/gu once the CJK characters are spaces.
 *
 * Counted on the UTF-8 bytes in one pass, a piece at a time, without making strings: a body of
 * any size is counted in the memory of one piece. Bytes that are not valid UTF-8 count as the
 * replacement character U+FFFD (not a letter), where a UTF-8 decoder would put one. Pure.
 */

const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;

/** Classes of characters: not computed yet, other, letter, number, apostrophe, CJK. */
const UNKNOWN = 0;
const OTHER = 1;
const LETTER_ = 2;
const NUMBER_ = 3;
const APOSTROPHE = 4;
const CJK_ = 5;

/** The class of every BMP character, filled in on first sight (the Unicode property tests are slow). */
const bmp = new Uint8Array(0x10000);
const astral = new Map<number, number>();
for (let c = 0; c < 0x80; c++) bmp[c] = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? LETTER_ : c >= 0x30 && c <= 0x39 ? NUMBER_ : c === 0x27 ? APOSTROPHE : OTHER;

function classify(cp: number): number {
  if (cp === 0x2019) return APOSTROPHE;
  if (cp >= 0xd800 && cp <= 0xdfff) return OTHER;
  const ch = String.fromCodePoint(cp);
  return CJK.test(ch) ? CJK_ : LETTER.test(ch) ? LETTER_ : NUMBER.test(ch) ? NUMBER_ : OTHER;
}

function classOf(cp: number): number {
  if (cp < 0x10000) {
    let k = bmp[cp] as number;
    if (k === UNKNOWN) bmp[cp] = k = classify(cp);
    return k;
  }
  let k = astral.get(cp);
  if (k === undefined) astral.set(cp, (k = classify(cp)));
  return k;
}

/**
 * Where a word stands after each character: 0 outside a word, 1 in a run of letters and digits,
 * 2 in a `'x` letter group, 3 and 4 just after an apostrophe that followed 1 or 2. NEXT and
 * STARTS are indexed by `state << 3 | class`: the state after the character, and whether a word
 * starts at it (a letter or digit after a non-word, a digit after a `'x` group or an apostrophe).
 */
const NEXT = new Uint8Array(5 << 3);
const STARTS = new Uint8Array(5 << 3);
for (let state = 0; state < 5; state++) {
  for (const k of [OTHER, LETTER_, NUMBER_, APOSTROPHE, CJK_]) {
    const word = k === LETTER_ || k === NUMBER_;
    let next = 0;
    if (k === CJK_ || k === OTHER) next = 0;
    else if (state === 0) next = word ? 1 : 0;
    else if (state === 1) next = k === APOSTROPHE ? 3 : 1;
    else if (state === 2) next = k === APOSTROPHE ? 4 : k === LETTER_ ? 2 : 1;
    else next = k === LETTER_ ? 2 : k === NUMBER_ ? 1 : 0;
    NEXT[(state << 3) | k] = next;
    STARTS[(state << 3) | k] = k === CJK_ || (state === 0 && word) || (state >= 2 && k === NUMBER_) ? 1 : 0;
  }
}

/** For ASCII bytes, NEXT and STARTS in one look-up: `ASCII[state << 7 | byte]` is the next state, plus 8 where a word starts. */
const ASCII = new Uint8Array(5 << 7);
for (let state = 0; state < 5; state++) {
  for (let b = 0; b < 0x80; b++) {
    const at = (state << 3) | (bmp[b] as number);
    ASCII[(state << 7) | b] = (NEXT[at] as number) | ((STARTS[at] as number) << 3);
  }
}

/** 1 for the ASCII letters and digits, else 0. */
const WORD_BYTE = new Uint8Array(0x80);
for (let b = 0; b < 0x80; b++) WORD_BYTE[b] = bmp[b] === LETTER_ || bmp[b] === NUMBER_ ? 1 : 0;

/** Counts words a piece of UTF-8 at a time (pieces may cut characters and words anywhere). */
export class WordCounter {
  #words = 0;
  #state = 0;
  // The UTF-8 decoder's state (as the WHATWG Encoding Standard decodes): bytes still needed for
  // the character begun, bytes seen of it, its bits so far, and the range the next byte must be in.
  #need = 0;
  #seen = 0;
  #cp = 0;
  #lower = 0x80;
  #upper = 0xbf;

  /** Count the bytes `bytes[start, end)`, the next piece of the text. */
  push(bytes: Uint8Array, start = 0, end = bytes.length): void {
    let words = this.#words;
    let state = this.#state;
    let need = this.#need;
    let seen = this.#seen;
    let cp = this.#cp;
    let lower = this.#lower;
    let upper = this.#upper;
    let i = start;
    while (i < end) {
      let b = bytes[i] as number;
      if (need === 0) {
        i++;
        if (b < 0x80) {
          // A run of ASCII (most of a Latin body) in a loop of its own. Outside a word or in a
          // plain run of letters and digits (states 0 and 1) a byte other than an apostrophe
          // needs no table of states: a word starts at a letter or digit after anything else.
          // The look-up of its class does not wait for the state, so the loop runs faster.
          for (;;) {
            if (state > 1 || b === 0x27) {
              const v = ASCII[(state << 7) | b] as number;
              words += v >> 3;
              state = v & 7;
            } else {
              const w = WORD_BYTE[b] as number;
              words += w & (state ^ 1);
              state = w;
            }
            if (i === end) break;
            b = bytes[i] as number;
            if (b >= 0x80) break;
            i++;
          }
          continue;
        }
        let k: number;
        if (b >= 0xe1 && b <= 0xef && b !== 0xed && i + 1 < end && ((bytes[i] as number) & 0xc0) === 0x80 && ((bytes[i + 1] as number) & 0xc0) === 0x80) {
          // A whole three-byte character (most CJK text), read at once.
          const c = ((b & 0x0f) << 12) | (((bytes[i] as number) & 0x3f) << 6) | ((bytes[i + 1] as number) & 0x3f);
          i += 2;
          k = bmp[c] as number;
          if (k === UNKNOWN) bmp[c] = k = classify(c);
          if (k === CJK_) {
            // Every CJK character is a word of its own, whatever came before.
            words++;
            state = 0;
            continue;
          }
        } else if (b >= 0xc2 && b <= 0xdf) {
          need = 1;
          cp = b & 0x1f;
          continue;
        } else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) lower = 0xa0;
          else if (b === 0xed) upper = 0x9f;
          need = 2;
          cp = b & 0x0f;
          continue;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) lower = 0x90;
          else if (b === 0xf4) upper = 0x8f;
          need = 3;
          cp = b & 0x07;
          continue;
        } else k = OTHER; // an invalid byte: U+FFFD
        const at = (state << 3) | k;
        words += STARTS[at] as number;
        state = NEXT[at] as number;
        continue;
      }
      if (b < lower || b > upper) {
        // The character begun is cut short: U+FFFD, and this byte is read again on its own.
        need = seen = cp = 0;
        lower = 0x80;
        upper = 0xbf;
        state = 0;
        continue;
      }
      i++;
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (b & 0x3f);
      if (++seen < need) continue;
      const at = (state << 3) | classOf(cp);
      words += STARTS[at] as number;
      state = NEXT[at] as number;
      need = seen = cp = 0;
    }
    this.#words = words;
    this.#state = state;
    this.#need = need;
    this.#seen = seen;
    this.#cp = cp;
    this.#lower = lower;
    this.#upper = upper;
  }

  /** The count, once every piece is in (a character cut off at the end is a U+FFFD: it ends a word). */
  finish(): number {
    return this.#words;
  }
}

/** Words in a text (see the top of this file). */
export function countWords(text: string): number {
  const counter = new WordCounter();
  counter.push(Buffer.from(text, 'utf8'));
  return counter.finish();
}
