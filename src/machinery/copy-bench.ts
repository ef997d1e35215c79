/**
 * Micro-benchmark of the ways the API server can copy or share a decoded object (a running, bound Pod with
 * managedFields, ~3 kB of JSON), which decides what its write path and in-process answers do:
 *
 *   node --import tsx src/machinery/copy-bench.ts [--ms 1000]
 *
 * Prints ns/op (median of rounds); numbers only, nothing asserts on time.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { benchBoundPod, withRunningStatus } from './apply/bench-fixtures.js';
import { deepCopy, jsonCopy } from './deep-equal.js';
import { deepFreeze } from './deep-freeze.js';

export interface CopyCase {
  readonly name: string;
  run(pod: object, json: string): unknown;
}

export const COPY_CASES: readonly CopyCase[] = [
  { name: 'JSON.parse (decode stored bytes)', run: (_p, json) => JSON.parse(json) },
  { name: 'JSON.stringify (encode)', run: (p) => JSON.stringify(p) },
  { name: 'structuredClone', run: (p) => structuredClone(p) },
  { name: 'deepCopy', run: (p) => deepCopy(p) },
  { name: 'jsonCopy (= JSON.parse(JSON.stringify(x)))', run: (p) => jsonCopy(p) },
  { name: 'JSON.parse + deepFreeze (a shared cache object)', run: (_p, json) => deepFreeze(JSON.parse(json) as object) },
];

/** Median ns/op of `c` over rounds of `batch` calls for about `ms` milliseconds. */
export function measureCopy(c: CopyCase, opts: { ms: number; batch?: number }): number {
  const pod = withRunningStatus(benchBoundPod(1), 1);
  const json = JSON.stringify(pod);
  const batch = opts.batch ?? 200;
  const rounds: number[] = [];
  const end = performance.now() + opts.ms;
  let sink = 0;
  while (performance.now() < end || rounds.length < 3) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) if (c.run(pod, json)) sink++;
    rounds.push(performance.now() - t);
  }
  if (sink < 0) console.log(sink);
  rounds.sort((a, b) => a - b);
  return (rounds[rounds.length >> 1]! * 1e6) / batch;
}

function main(argv: readonly string[]): void {
  const at = argv.indexOf('--ms');
  const ms = at >= 0 ? Number(argv[at + 1]) : 1000;
  console.log(`Pod JSON: ${JSON.stringify(withRunningStatus(benchBoundPod(1), 1)).length} bytes`);
  console.log('| operation | ns/op |');
  console.log('|---|---:|');
  for (const c of COPY_CASES) console.log(`| ${c.name} | ${Math.round(measureCopy(c, { ms })).toLocaleString('en-US')} |`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
