/** Worker entry: scanHeads for the files it is given (see head-scan.scanHeadsInWorker). */
import { parentPort, workerData } from 'node:worker_threads';
import { scanHeads, type ScanRequest } from './head-scan.js';
import { literalPrefilter } from './select.js';

const request = workerData as ScanRequest;
const mayMatch = literalPrefilter(request.names, request.mode);
const flags = mayMatch ? scanHeads(request.files, mayMatch) : new Uint8Array(request.files.length).fill(1);
parentPort?.postMessage(flags, [flags.buffer as ArrayBuffer]);
