import type { Rule } from '../types.js';

const OWN_RULES = new Set(['duplicate-key', 'not-mapping']);

export const frontMatterUnreadable: Rule = {
  id: 'front-matter-unreadable',
  severity: 'error',
  description: 'The front matter cannot be read: syntax error, unclosed block, unsupported language (---js), invalid UTF-8, or a size, depth or alias limit exceeded.',
  checkUnreadable: (problem) =>
    OWN_RULES.has(problem.rule) ? [] : [{ line: problem.line, col: problem.col, message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) }],
};
