/**
 * The names of each command's output formats (the values of `--format`), apart from the
 * formatters: the command line needs them before it knows which command runs, and importing the
 * formatters for them loaded every command's modules on every run (`blog --version` 0.11 →
 * 0.08 s without them). Each formatter table is checked against its list when compiled.
 */
export const LIST_FORMAT_NAMES = ['table', 'json', 'csv', 'paths'] as const;
export const LINT_FORMAT_NAMES = ['stylish', 'compact', 'json', 'github', 'sarif'] as const;
export const TAGS_FORMAT_NAMES = ['table', 'json'] as const;
export const CATEGORIES_FORMAT_NAMES = ['tree', 'json'] as const;
export const STATS_FORMAT_NAMES = ['text', 'json'] as const;

/** A table with exactly one entry for each name (no name missing, none more). */
export type FormatTable<Names extends readonly string[]> = Record<Names[number], unknown>;
