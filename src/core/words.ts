/**
 * Counting words as writers count them, for `blog stats`: every CJK character is a word (as
 * writers of Chinese, Japanese and Korean count), other words are runs of letters and digits.
 * Pure.
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const CJK_ONE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}'’]/u;

/** Words as writers count them: every CJK character is a word, other words are runs of letters and digits. */
export function countWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.replace(CJK, ' ').match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0;
  return cjk + rest;
}

/** A character that may be part of a non-CJK word (a word cut between two pieces goes on in the next). */
function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch) && !CJK_ONE.test(ch);
}

/** The most characters of an unfinished word carried from one piece to the next. */
const MAX_CARRY = 64 * 1024;

/**
 * countWords over a text given in pieces (a body read a megabyte at a time): the same count as
 * for the whole text, in memory that does not grow with it. A word cut between two pieces is
 * carried over; a word longer than MAX_CARRY is counted once and not carried.
 */
export class WordCounter {
  #count = 0;
  #carry = '';
  /** The text so far ends inside a word that was counted already. */
  #inWord = false;

  push(piece: string): void {
    if (piece === '') return;
    const text = this.#carry + piece;
    this.#carry = '';
    let k = text.length;
    while (k > 0 && isWordChar(text.charAt(k - 1))) k--;
    // Surrogate pairs: a letter outside the BMP is two code units; never split one.
    if (k > 0 && k < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(k)) && isWordChar(text.slice(k - 1, k + 1))) k--;
    const tailLength = text.length - k;
    if (tailLength > MAX_CARRY) {
      this.#add(text);
      this.#inWord = true;
      return;
    }
    const head = text.slice(0, k);
    if (head !== '') {
      this.#add(head);
      this.#inWord = false;
    }
    this.#carry = text.slice(k);
  }

  #add(text: string): void {
    let n = countWords(text);
    // The first word continues one counted already.
    if (this.#inWord && isWordChar(text.charAt(0)) && n > 0) n--;
    this.#count += n;
  }

  finish(): number {
    if (this.#carry !== '') this.#add(this.#carry);
    this.#carry = '';
    return this.#count;
  }
}
