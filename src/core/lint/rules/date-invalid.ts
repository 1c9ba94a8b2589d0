import type { Rule } from '../types.js';

export const dateInvalid: Rule = {
  id: 'date-invalid',
  severity: 'error',
  description: 'A date that is not a real date or time (February 30, month 13, 24:00, free text).',
  check: (post) =>
    post.problems.filter((p) => p.code === 'date-invalid').map((p) => ({ line: p.line, col: p.col, message: p.message, ...(p.hint ? { hint: p.hint } : {}) })),
};
