export function mulberry32(seed: number): () => number;
export function generatePost(i: number, rand: () => number): string;
export function generateCorpus(count: number, outDir: string, seed?: number): void;
