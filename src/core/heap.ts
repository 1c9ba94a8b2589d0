/**
 * How much memory V8 keeps for this process's young generations (see holdYoungGeneration).
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * Once the young generation of this thread has reached YOUNG_MAIN bytes, no young generation
 * of the process grows any more. V8 grows it each time what has outlived its collections adds
 * up to its size, so a long run grows it further than a short one: reading 100,000 posts took
 * it from 8 to 32 MB (10,000 posts left it at 8), and all of it was touched. A reading thread
 * is capped by its resourceLimits; this one can only be told to stop growing: the flag that sets
 * a maximum is read only when the process starts, and a bin script cannot pass flags to node
 * everywhere (Windows shims, `env -S`). The growth factor is read each time V8 grows the
 * generation. It is looked at every 1,024 files the walk finds and once per chunk read (a few
 * microseconds each time; looked at only per chunk, it was 16 MB on 200,000 posts: the walk
 * comes before the first chunk, and list --json peaked 4 MB higher on one thread, 6 on two).
 * `list --json` of 100,000 posts on one thread peaked at 110-115 MB without this; with this
 * round's other changes, 89-90 MB held at 16 MB and 81 held at 8 (8 MB saves something only
 * since the records' buffers are used again, see spareBuffers in spill.ts: before, the saving
 * went to the C heap), on two threads 100-108 and 94-98 MB; `lint` 110 and 106 MB. Held at 8
 * and at 16, `lint` took 1.66 s both, `list --tag ChatGPT` 1.26 and 1.25 s, `list --json` 2.33
 * and 2.30 s (medians of 7 alternating runs).
 */
let youngHeld = false;
const YOUNG_MAIN = 8 << 20;
export function holdYoungGeneration(): void {
  if (!youngHeld) {
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (!young || young.space_size < YOUNG_MAIN) return;
    youngHeld = true;
  }
  // Set again each time (3 µs): each new isolate, a reading thread started after the hold, sets
  // the factor back to 2. On two threads the hold was then lost in 5 runs of 6, and `list --json`
  // of 100,000 posts peaked at 112-117 MB instead of 95 (the young generation grew to 32 MB).
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * Threads started from now on begin with a young generation of `megabytes` (two semi-spaces of
 * half that). V8 starts one at 2 MB and grows it as needed, but the hold above stops that, so a
 * reading thread would keep 2 MB: `lint` of 100,000 posts then took 5% more CPU (3.27 s against
 * 3.12 with 8 MB, 11 alternating runs) and peaked 3-5 MB lower. For `list` and `tags` 8 MB
 * was no faster (4 runs each; `list --tag ChatGPT` also 9 alternating) and cost more memory
 * (`list --json` 6-8 MB, `list --tag` 5-7, `tags` 0-5), so only `lint` asks for it. The flag
 * is read when a thread's isolate is made, on that thread, so it is left set (this thread's
 * generation is made already).
 */
export function startThreadsYoungAt(megabytes: number): void {
  setFlagsFromString(`--min-semi-space-size=${Math.max(1, Math.floor(megabytes / 2))}`);
}
