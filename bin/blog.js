#!/usr/bin/env node
import { main } from '../dist/main.js';
import { processIo } from '../dist/io.js';

// Output that cannot be written: a closed pipe (`blog list | head`) is not an error; anything else
// (a full disk, /dev/full) is one line on stderr and exit 2, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      try {
        process.stderr.write(`blog: error: cannot write the output: ${e.code === 'ENOSPC' ? 'no space left on the device' : (e.code ?? e.message)}\n`);
      } catch {
        // stderr is gone too: the exit code says it.
      }
    }
    process.exit(2);
  });
}
process.exitCode = await main(process.argv.slice(2), processIo());
