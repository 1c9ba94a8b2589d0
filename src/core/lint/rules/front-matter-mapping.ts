import type { Rule } from '../types.js';

export const frontMatterMapping: Rule = {
  id: 'front-matter-mapping',
  severity: 'error',
  description: 'The front matter is not a mapping of keys to values (a list or plain text; generators then see no front matter).',
  checkUnreadable: (problem) => (problem.rule === 'not-mapping' ? [{ line: problem.line, col: problem.col, message: problem.message, hint: problem.hint ?? 'write "key: value" lines' }] : []),
};
