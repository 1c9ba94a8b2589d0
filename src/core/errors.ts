/** Exit codes, stable and documented in README.md. */
export const ExitCode = {
  Ok: 0,
  Problems: 1,
  Failure: 2,
  Interrupted: 130,
} as const;

export interface BlogErrorOptions {
  hint?: string;
  cause?: unknown;
  exitCode?: number;
}

/** An expected failure: `main` prints `message` (and `hint`) on one line each, no stack. */
export class BlogError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;
  constructor(message: string, options: BlogErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? ExitCode.Failure;
    this.hint = options.hint;
  }
}

/** A bad command line: wrong flag, wrong value, missing argument. */
export class UsageError extends BlogError {}

/** A bad or unreadable configuration file. */
export class ConfigError extends BlogError {
  constructor(
    readonly file: string,
    message: string,
    options: BlogErrorOptions = {},
  ) {
    super(`${file}: ${message}`, options);
  }
}
