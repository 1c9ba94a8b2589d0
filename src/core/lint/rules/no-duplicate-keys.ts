import type { Rule } from '../types.js';

export const noDuplicateKeys: Rule = {
  id: 'no-duplicate-keys',
  severity: 'error',
  description: 'A key appears twice in the front matter (Hexo fails on such a post; others keep one value silently).',
  checkUnreadable: (problem) =>
    problem.rule === 'duplicate-key' ? [{ line: problem.line, col: problem.col, message: problem.message, hint: 'keep one of the two keys' }] : [],
};
