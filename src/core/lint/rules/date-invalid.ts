import type { Rule } from '../types.js';

export const dateInvalid: Rule = {
  id: 'date-invalid',
  severity: 'error',
  description: 'A date that is not a real date or time (February 30, month 13, 24:00, free text).',
  check: (post) =>
    post.problems.filter((p) => p.rule === 'date-invalid').map((p) => ({ line: p.line || 1, col: p.col || 1, message: p.message, ...(p.hint ? { hint: p.hint } : {}) })),
};
