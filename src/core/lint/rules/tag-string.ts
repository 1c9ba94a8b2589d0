import { findKey, taxonomyKey } from '../../front-matter/fences.js';
import { formatScalar } from '../../edit.js';
import { splitsNames, splitWords } from '../../post.js';
import { locator } from '../locate.js';
import type { Rule } from '../types.js';

export const tagString: Rule = {
  id: 'tag-string',
  severity: 'warn',
  description: 'Tags written as one string: with spaces in it, Hexo and Hugo read one tag and Jekyll several (outside Jekyll only the author knows which was meant, so --fix leaves it; in Jekyll --fix writes the list Jekyll reads); in Jekyll, a single word as a list.',
  fixable: true,
  check: (post, _input, settings) => {
    const key = taxonomyKey(post.data, 'tags');
    const v = key ? post.data[key] : undefined;
    if (!key || typeof v !== 'string' || v.includes(',')) return [];
    // Where Jekyll splits (ASCII white space), or, elsewhere, where an author probably meant to.
    const words = settings.generator === 'jekyll' ? splitWords(v) : v.trim().split(/\s+/);
    // Jekyll splits a string of tags at spaces; Hexo and Hugo (measured: hugo 0.111) read one tag.
    // (Jekyll's singular `tag` is one name, spaces and all.)
    const splits = splitsNames(settings.generator, key);
    if (settings.generator === 'jekyll' && !splits) return [];
    // --fix edits a value on one line only (a block scalar, `>-` or `|`, is refused as over several lines).
    const content = post.frontMatter?.content ?? '';
    const at = findKey(content, key)?.value;
    const oneLine = at !== undefined && content[at] !== '>' && content[at] !== '|';
    const fix = oneLine ? { fix: { kind: 'tags-to-list' as const } } : {};
    const fixHint = oneLine ? '--fix does' : 'change it by hand (--fix edits a value on one line)';
    if (words.length > 1 && splits) {
      // Not ambiguous in Jekyll: it reads several tags, and so does blog; the list says so to every reader.
      return [{ ...locator(post).value(key), message: `tags is the string "${v}": Jekyll reads ${words.length} tags`, hint: `write ${key}: [${words.map((w) => formatScalar(w, true)).join(', ')}]; ${fixHint}`, ...fix }];
    }
    if (words.length > 1) {
      // Ambiguous: one tag with spaces, or several tags? --fix never decides that.
      const several = `[${words.map((w) => formatScalar(w, true)).join(', ')}]`;
      const one = `[${formatScalar(v.trim(), true)}]`;
      const n = words.length;
      const reading =
        settings.generator === 'hexo' || settings.generator === 'hugo'
            ? `${settings.generator === 'hexo' ? 'Hexo' : 'Hugo'} reads one tag; did you mean ${n}?`
            : `read as one tag (Jekyll would read ${n})`;
      return [{ ...locator(post).value(key), message: `tags is the string "${v}": ${reading}`, hint: `write ${key}: ${several} for ${words.length} tags, or ${key}: ${one} for one; --fix leaves this to you` }];
    }
    if (!splits) return [];
    return [{ ...locator(post).value(key), message: `tags is the string "${v}"; Jekyll expects a list`, hint: `write ${key}: [${v.trim()}]; ${fixHint}`, ...fix }];
  },
};
