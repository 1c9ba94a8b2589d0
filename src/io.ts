/** Everything a command may touch of the outside world besides the file system. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width when stdout is a terminal. */
  columns: number | undefined;
  now(): Date;
  /** Ask a yes/no question on the terminal (default no). Throws CancelledError on Ctrl+C. */
  confirm(message: string): Promise<boolean>;
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
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    now: () => new Date(),
    // inquirer is loaded only when a prompt is shown.
    confirm: async (message) => {
      const { confirm } = await import('@inquirer/prompts');
      return prompting(() => confirm({ message, default: false }));
    },
  };
}
