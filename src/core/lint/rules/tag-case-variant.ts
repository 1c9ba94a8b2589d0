import { buildLocator, locator, type Locator } from '../locate.js';
import type { Fix, Location } from '../../diagnostic.js';
import type { LintInput, RawFinding, Rule, SiteCheck } from '../types.js';
import { taxonomyKey } from '../../front-matter/fences.js';
import { fold } from '../../select.js';
import { shellQuote } from '../../shell.js';

type Field = 'tags' | 'categories';

/**
 * Per chunk and field: each spelling once, and each use of one by a post as a row (spelling,
 * post ordinal) in flat columns, with where the few uses located when read are written.
 */
interface Uses {
  names: string[];
  name: Int32Array;
  ordinal: Int32Array;
  /** Triples (row, line, column) of the uses located when read, in row order; the others are read again if reported. */
  located: Int32Array;
}
type Facts = Record<Field, Uses>;

const FIELDS: Field[] = ['tags', 'categories'];

/**
 * Names a thread follows the uses of, per field: a blog's vocabulary is thousands of names, and
 * following millions (a generated or hostile blog) would cost memory and time for no gain.
 */
export const MAX_SPELLINGS = 50_000;

/** The spellings of one folded form a thread has seen: the most uses one of them has had so far. */
interface Group {
  top: number;
}

/** A spelling a thread has seen: how often, its group, and its number in the current chunk. */
interface Spelling {
  uses: number;
  group: Group;
  /** The chunk `id` is for (-1: none yet). */
  chunk: number;
  id: number;
}

/**
 * The uses of one field's names, as a thread reads its posts. It also counts the uses of every
 * spelling it has seen (across chunks, grouped by folded form): a use of a spelling that is, so
 * far, not the most used of its group is most likely a case variant that will be reported, so
 * its place in the post is found while the post is at hand. The report then reads again only the
 * few posts this guess missed (those read before the thread had seen the other spellings), not
 * every post it names (thousands in a big blog); the most used spellings are never located.
 * One map look-up a use.
 */
export class UseCollector {
  #chunk = 0;
  #names: string[] = [];
  #name: number[] = [];
  #ordinal: number[] = [];
  #located: number[] = [];
  /** Spelling → what the thread knows of it. */
  readonly #spellings = new Map<string, Spelling>();
  /** Folded form → its group (shared by its spellings). */
  readonly #byFold = new Map<string, Group>();

  /** Numbers in the current chunk of the names not followed (past MAX_SPELLINGS). */
  #untracked = new Map<string, number>();

  /** Count a use of `name` by the post `ordinal`; whether another spelling of it has been used at least as often so far. */
  add(name: string, ordinal: number): boolean {
    let spelling = this.#spellings.get(name);
    if (!spelling && this.#spellings.size >= MAX_SPELLINGS) {
      // A thread follows at most MAX_SPELLINGS names: the others are never located while read
      // (their reported uses are read again, as every one was before the guess).
      let id = this.#untracked.get(name);
      if (id === undefined) {
        this.#untracked.set(name, (id = this.#names.length));
        this.#names.push(name);
      }
      this.#name.push(id);
      this.#ordinal.push(ordinal);
      return false;
    }
    if (!spelling) {
      const f = fold(name);
      let group = this.#byFold.get(f);
      if (!group) this.#byFold.set(f, (group = { top: 0 }));
      spelling = { uses: 0, group, chunk: -1, id: 0 };
      this.#spellings.set(name, spelling);
    }
    if (spelling.chunk !== this.#chunk) {
      spelling.chunk = this.#chunk;
      spelling.id = this.#names.length;
      this.#names.push(name);
    }
    this.#name.push(spelling.id);
    this.#ordinal.push(ordinal);
    // Another spelling has been used at least n times exactly when the most uses in the group
    // were at least n before this one (this spelling had n - 1): one comparison, however many
    // spellings the group has (a post may hold 30,000 spellings of one word).
    const n = ++spelling.uses;
    const group = spelling.group;
    const minority = n <= group.top;
    if (n > group.top) group.top = n;
    return minority;
  }

  /** Where the use just added is written. */
  locate(where: Location): void {
    this.#located.push(this.#name.length - 1, where.line, where.col);
  }

  /** The uses since the last call. */
  uses(): Uses {
    const uses = { names: this.#names, name: Int32Array.from(this.#name), ordinal: Int32Array.from(this.#ordinal), located: Int32Array.from(this.#located) };
    this.#chunk++;
    this.#untracked = new Map();
    this.#names = [];
    this.#name = [];
    this.#ordinal = [];
    this.#located = [];
    return uses;
  }
}

const site: SiteCheck<Facts> = {
  collector: () => {
    const collectors = { tags: new UseCollector(), categories: new UseCollector() };
    return {
      add: (ordinal, post, input) => {
        let located: Locator | undefined;
        for (const field of FIELDS) {
          const collector = collectors[field];
          eachName(input, field, (name, index) => {
            // Located now only when it is likely to be reported, the front matter text is at hand
            // and the line scanner knows the place (a YAML parse of every such post would cost
            // more than reading again the few that are reported).
            if (collector.add(name, ordinal) && post.frontMatter) {
              const where = (located ??= buildLocator(post)).quickItem(taxonomyKey(post.data, field) as string, index);
              if (where) collector.locate(where);
            }
          });
        }
      },
      facts: () => ({ tags: collectors.tags.uses(), categories: collectors.categories.uses() }),
    };
  },
  check: (chunks, again) => {
    const out = new Map<number, RawFinding[]>();
    for (const field of FIELDS) {
      // How many posts use each spelling; then only the names written in more than one case
      // (few) are looked at, with the posts that use them.
      const counts = new Map<string, number>();
      const spellings = new Map<string, string[]>();
      for (const facts of chunks) {
        const uses = facts[field];
        const perName = new Array<number>(uses.names.length).fill(0);
        for (const id of uses.name) perName[id] = (perName[id] as number) + 1;
        uses.names.forEach((name, id) => {
          const before = counts.get(name);
          counts.set(name, (before ?? 0) + (perName[id] as number));
          if (before !== undefined) return;
          const f = fold(name);
          const forms = spellings.get(f);
          if (forms) forms.push(name);
          else spellings.set(f, [name]);
        });
      }
      // Each use of a variant spelling: its post and where it is written (line 0: not known).
      const variant = new Map<string, { ordinal: number[]; line: number[]; col: number[] }>();
      for (const forms of spellings.values()) if (forms.length > 1) for (const name of forms) variant.set(name, { ordinal: [], line: [], col: [] });
      if (variant.size === 0) continue;
      for (const facts of chunks) {
        const uses = facts[field];
        const lists = uses.names.map((name) => variant.get(name));
        // The located rows come in row order: a cursor walks them along.
        let next = 0;
        for (let i = 0; i < uses.name.length; i++) {
          while (next < uses.located.length && (uses.located[next] as number) < i) next += 3;
          const list = lists[uses.name[i] as number];
          if (!list) continue;
          const known = next < uses.located.length && uses.located[next] === i;
          list.ordinal.push(uses.ordinal[i] as number);
          list.line.push(known ? (uses.located[next + 1] as number) : 0);
          list.col.push(known ? (uses.located[next + 2] as number) : 0);
        }
      }
      // Where each name is first written in a post read again, found in one pass a post (a post
      // with 30,000 variants is asked 30,000 times).
      const firstIndexes = new Map<number, Map<string, number[]>>();
      const firstIndexOf = (ordinal: number, input: LintInput): Map<string, number[]> => {
        let first = firstIndexes.get(ordinal);
        if (!first) {
          const names = new Map<string, number[]>();
          eachName(input, field, (n, i) => {
            if (!names.has(n)) names.set(n, i);
          });
          firstIndexes.set(ordinal, (first = names));
        }
        return first;
      };
      /** Where `name` is written in the post, from its uses row or by reading the post again. */
      const whereIs = (name: string, list: { ordinal: number[]; line: number[]; col: number[] }, i: number): Location | undefined => {
        const ordinal = list.ordinal[i] as number;
        if ((list.line[i] as number) > 0) return { line: list.line[i] as number, col: list.col[i] as number };
        const input = again(ordinal);
        const post = input.post;
        if (!post) return undefined;
        const index = firstIndexOf(ordinal, input).get(name);
        if (!index) return undefined;
        return locator(post).item(taxonomyKey(post.data, field) as string, index);
      };
      for (const forms of spellings.values()) {
        if (forms.length < 2) continue;
        const ranked = forms.map((name) => [name, variant.get(name) as { ordinal: number[]; line: number[]; col: number[] }] as const).sort((a, b) => b[1].ordinal.length - a[1].ordinal.length || (a[0] < b[0] ? -1 : 1));
        const [dominant, dominantUses] = ranked[0] as readonly [string, { ordinal: number[] }];
        for (const [name, list] of ranked.slice(1)) {
          // The same words for every use of the name (made once: 5,235 uses on the bench blog).
          const what = field === 'tags' ? 'tag' : 'category';
          const message = `${what} "${name}" (${list.ordinal.length} post${list.ordinal.length === 1 ? '' : 's'}) is a case variant of "${dominant}" (${dominantUses.ordinal.length} post${dominantUses.ordinal.length === 1 ? '' : 's'})`;
          const hint = `blog retag ${field === 'categories' ? '--categories ' : ''}${shellQuote(name)} ${shellQuote(dominant)} fixes every post, and so does --fix`;
          for (let i = 0; i < list.ordinal.length; i++) {
            const where = whereIs(name, list, i);
            if (!where) continue;
            const ordinal = list.ordinal[i] as number;
            const fix: Fix = field === 'tags' ? { kind: 'rename-tag', from: name, to: dominant } : { kind: 'rename-category', from: name, to: dominant };
            const finding: RawFinding = { line: where.line, col: where.col, message, hint, fix };
            const found = out.get(ordinal);
            if (found) found.push(finding);
            else out.set(ordinal, [finding]);
          }
        }
      }
    }
    return out;
  },
};

/** Names that differ only in case, per field: the most used form is the one to keep. */
export const tagCaseVariant: Rule = {
  id: 'tag-case-variant',
  severity: 'warn',
  description: 'A tag or category spelled in another case than elsewhere in the blog (chatgpt in 2 posts, ChatGPT in 40); the most used form is the one to keep.',
  fixable: true,
  site: site as SiteCheck<unknown>,
};

/** Each distinct name of a post's tags or categories, with its index in the list (`[i, j]` inside a path). */
function eachName(input: LintInput, field: 'tags' | 'categories', visit: (name: string, index: number[]) => void): void {
  const post = input.post;
  if (!post) return;
  const key = taxonomyKey(post.data, field);
  if (!key) return;
  const raw = post.data[key];
  if (typeof raw === 'string') {
    // A string Jekyll splits (`tags: chatgpt AI`) is several names, as the post reads them.
    const names = field === 'tags' ? post.tags : post.categories.flat();
    if (names.length > 1) for (const name of new Set(names)) visit(name, []);
    else visit(raw, []);
    return;
  }
  if (!Array.isArray(raw)) return;
  // Each name once; a short list (almost every post's) is searched, not hashed.
  const seen: string[] | Set<string> = raw.length > 16 ? new Set<string>() : [];
  const once = (name: string, index: number[]): void => {
    if (Array.isArray(seen)) {
      if (seen.includes(name)) return;
      seen.push(name);
    } else {
      if (seen.has(name)) return;
      seen.add(name);
    }
    visit(name, index);
  };
  raw.forEach((item, i) => {
    if (Array.isArray(item)) item.forEach((sub, j) => typeof sub === 'string' && once(sub, [i, j]));
    else if (typeof item === 'string') once(item, [i]);
  });
}

