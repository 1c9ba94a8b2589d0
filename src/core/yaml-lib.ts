/**
 * The `yaml` package, loaded on first use: it costs about 35 ms to load, and most runs never
 * need it (reading goes through simple-yaml.ts; only errors, uncommon YAML, edits and new posts use it).
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let lib: Yaml | undefined;

export function yaml(): Yaml {
  return (lib ??= createRequire(import.meta.url)('yaml') as Yaml);
}
