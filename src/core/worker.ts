/**
 * A reading thread (see parallel.ts): imports its task, then reads and maps the chunks it is
 * sent, one at a time, until it is sent null.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readEntries } from './fs/read.js';
import { keepSpareBuffer } from './fs/spill.js';
import { unpackEntries, type PackedEntries } from './fs/walk.js';
import { movable, type Task, type WorkerSetup } from './parallel.js';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port) {
  const task = ((await import(setup.module)) as Record<string, Task<unknown, unknown>>)[setup.name];
  if (!task) throw new Error(`${setup.module} exports no task ${setup.name}`);
  const start = task.setup(setup.params);
  port.on('message', (job: { id: number; first: number; entries: PackedEntries; spare?: ArrayBuffer } | null) => {
    if (job === null) {
      port.close();
      return;
    }
    if (job.spare) keepSpareBuffer(job.spare);
    try {
      const visitor = start(job.first);
      const read = readEntries(unpackEntries(job.entries), setup.spec, (item) => visitor.visit(item));
      const result = visitor.finish();
      port.postMessage({ id: job.id, result, ...read }, movable(result));
    } catch (e) {
      port.postMessage({ id: job.id, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
}
