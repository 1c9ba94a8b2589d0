#!/usr/bin/env node
import { main } from '../dist/main.js';
import { processIo } from '../dist/io.js';

// A closed pipe (`blog list | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
process.exitCode = await main(process.argv.slice(2), processIo());
