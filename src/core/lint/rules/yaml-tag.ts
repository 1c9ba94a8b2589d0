import type { Rule } from '../types.js';

/** Tags js-yaml's default schema (Hexo's reader) constructs; any other tag makes Hexo fail on the post. */
const HEXO_TAGS = /^(!!|tag:yaml\.org,2002:)(str|seq|map|null|bool|int|float|timestamp|merge|binary|omap|pairs|set)$/;

export const yamlTag: Rule = {
  id: 'yaml-tag',
  severity: 'error',
  description: 'A YAML tag that is not a data type (!!js/function, !!python/object, !custom): Hexo fails on the post; blog reads the value as plain text and never runs it.',
  check: (post) =>
    post.problems.flatMap((p) => {
      if (p.rule !== 'yaml-tag') return [];
      const tag = (/tag:\s*([^\s;]+)/i.exec(p.message)?.[1] ?? '').replace(/^tag:yaml\.org,2002:/, '!!');
      if (HEXO_TAGS.test(tag)) return [];
      return [{ line: p.line || 1, col: p.col || 1, message: `YAML tag ${tag || '(unknown)'} is not a data type: Hexo fails on this post (blog reads the value as plain text)`, hint: 'remove the tag; front matter is data, never code' }];
    }),
};
