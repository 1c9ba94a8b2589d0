/** `blog completion <shell>` and the hidden `blog __complete tags|categories` its scripts call. */
import { bashScript, completionNames, fishScript, zshScript, type CommandSpec } from '../core/complete.js';
import { ExitCode } from '../core/errors.js';
import type { Io } from '../io.js';
import { context, openBlog, type CommonFlags } from './shared.js';

export async function runCompletion(shell: 'bash' | 'zsh' | 'fish', commands: CommandSpec[], io: Io): Promise<number> {
  io.stdout((shell === 'bash' ? bashScript : shell === 'zsh' ? zshScript : fishScript)(commands));
  return ExitCode.Ok;
}

/** One name a line, most used first; nothing (and exit 0) where there is no blog. */
export async function runComplete(what: 'tags' | 'categories', flags: CommonFlags, io: Io): Promise<number> {
  const ctx = context(io, { color: false }, true);
  const quiet = { ...io, stderr: () => {} };
  try {
    const blog = openBlog({ ...ctx, io: quiet }, flags);
    for (const name of completionNames(blog, what)) io.stdout(`${name}\n`);
  } catch {
    // No blog here, or a broken config: nothing to complete from.
  }
  return ExitCode.Ok;
}
