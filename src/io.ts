/** Everything a command may touch of the outside world besides the file system. */
export interface Io {
  stdout(text: string): void;
  /**
   * Resolves when stdout has taken what it was given (at once when nothing waits). A pipe takes
   * 64 KB at a time: output written faster than its reader reads would otherwise wait in memory.
   */
  flushed?(): Promise<void>;
  /**
   * The exit code the command ends with unless something fails, told before its output is
   * written: a reader that closes the pipe early (`blog list | head -1`) ends the process, and
   * it then exits with this code, not 0.
   */
  exitCode?(code: number): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width when stdout is a terminal. */
  columns: number | undefined;
  now(): Date;
  /** Questions on the terminal; each throws CancelledError on Ctrl+C or Esc. */
  prompt: Prompter;
  /** Open a file in the user's editor ($VISUAL, else $EDITOR, else vi), as git commit does; resolves to its exit code. */
  edit(path: string): Promise<number>;
}

export interface Choice {
  name: string;
  value: string;
}

/** Prompts by name, so that tests can answer them. */
export interface Prompter {
  input(q: { name: string; message: string; default?: string; required?: boolean }): Promise<string>;
  checkbox(q: { name: string; message: string; choices: Choice[] }): Promise<string[]>;
  select(q: { name: string; message: string; choices: Choice[]; default?: string }): Promise<string>;
  confirm(q: { name: string; message: string; default?: boolean }): Promise<boolean>;
}

/** The user interrupted a prompt (Ctrl+C, Esc): nothing is written, exit 130. */
export class CancelledError extends Error {}

/** Run an inquirer prompt; its ExitPromptError (Ctrl+C) becomes CancelledError. */
export async function prompting<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (e) {
    if ((e as Error)?.name === 'ExitPromptError' || (e as Error)?.name === 'AbortPromptError') throw new CancelledError('Cancelled');
    throw e;
  }
}

/** The real process's Io. */
export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    flushed: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', resolve)) : Promise.resolve()),
    exitCode: (code) => {
      process.exitCode = code;
    },
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    now: () => new Date(),
    prompt: inquirerPrompter(),
    edit: async (path) => {
      const { spawnSync } = await import('node:child_process');
      // The editor is the user's own setting and may carry arguments ("code --wait"), so the shell
      // reads it, as git does; the path is passed as an argument, never pasted into the command.
      const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
      const r = spawnSync('/bin/sh', ['-c', `${editor} "$@"`, editor, path], { stdio: 'inherit' });
      return r.status ?? 1;
    },
  };
}

/**
 * Real prompts with inquirer, loaded only when a prompt is shown. Esc cancels like Ctrl+C:
 * it aborts the prompt through its AbortSignal.
 */
function inquirerPrompter(): Prompter {
  const withEsc = async <T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const { emitKeypressEvents } = await import('node:readline');
    const controller = new AbortController();
    emitKeypressEvents(process.stdin);
    const onKey = (_s: string, key: { name?: string } | undefined) => {
      if (key?.name === 'escape') controller.abort();
    };
    process.stdin.on('keypress', onKey);
    try {
      return await prompting(() => run(controller.signal));
    } finally {
      process.stdin.off('keypress', onKey);
    }
  };
  const load = () => import('@inquirer/prompts');
  return {
    input: async (q) => {
      const { input } = await load();
      // Required means some text: spaces alone were taken, and the caller asked again under a ✔.
      const validate = q.required ? (value: string) => value.trim() !== '' || 'Type some text (spaces alone are not a value)' : undefined;
      return withEsc((signal) => input({ message: q.message, ...(q.default === undefined ? {} : { default: q.default }), required: q.required ?? false, ...(validate ? { validate } : {}) }, { signal }));
    },
    checkbox: async (q) => {
      const { checkbox } = await load();
      return withEsc((signal) => checkbox({ message: q.message, choices: q.choices, pageSize: 12, loop: false }, { signal }));
    },
    select: async (q) => {
      const { select } = await load();
      return withEsc((signal) => select({ message: q.message, choices: q.choices, pageSize: 12, loop: false, ...(q.default === undefined ? {} : { default: q.default }) }, { signal }));
    },
    confirm: async (q) => {
      const { confirm } = await load();
      return withEsc((signal) => confirm({ message: q.message, default: q.default ?? false }, { signal }));
    },
  };
}
