/**
 * Micro-benchmark of managedFields bookkeeping for the writes a cluster makes most (see bench-fixtures.ts):
 *
 *   node --import tsx src/machinery/apply/bench.ts [--ms 1500] [--only <part of a scenario name>]
 *
 * Each scenario calls updateManagedFields, and computeManagedFields (what the API server's field manager calls: the
 * entries without a copy of the object), with the options the field manager passes (built-in schema, reset fields,
 * Update operation), on fresh input objects (prepared outside the timed loop, never reused), and prints ns/op.
 * Numbers only: nothing asserts on time.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { benchBoundPod, benchEvent, benchPod, withRunningStatus } from './bench-fixtures.js';
import { builtinApplySchema } from './builtin-apply-schema.js';
import { FieldPathSet } from './field-path-set.js';
import type { JsonObject } from './go-json.js';
import { fieldPath } from './path.js';
import { computeManagedFields, updateManagedFields, type UpdateManagedFieldsOptions } from './update.js';

const T0 = Date.UTC(2026, 0, 1);
const POD = builtinApplySchema('Pod');
const EVENT = builtinApplySchema('Event');
// As the API server's field manager passes them: status is reset for the main resource, spec for status writes.
const STATUS_RESET = FieldPathSet.fromPaths([fieldPath('status')]);
const SPEC_RESET = FieldPathSet.fromPaths([fieldPath('spec')]);

/** One benchmark case: `make(i)` builds the i-th call's options (untimed). */
export interface BenchScenario {
  readonly name: string;
  make(i: number): UpdateManagedFieldsOptions;
}

function createOptions(obj: JsonObject, manager: string, schema = POD): UpdateManagedFieldsOptions {
  return { old: null, updated: obj, manager, schema, apiVersion: 'v1', now: T0, resetFields: STATUS_RESET };
}

/** The stored pod after the controller's create and the kubelet's first status patch (ContainerCreating). */
function storedPod(i: number): JsonObject {
  const created = updateManagedFields(createOptions(benchPod(i), 'kube-controller-manager')).object;
  const bound = benchBoundPod(i);
  (bound['metadata'] as JsonObject)['managedFields'] = structuredClone((created['metadata'] as JsonObject)['managedFields']!);
  const creating = withRunningStatus(bound, i);
  const status = creating['status'] as JsonObject;
  status['phase'] = 'Pending';
  status['containerStatuses'] = [{ name: 'web', state: { waiting: { reason: 'ContainerCreating' } }, ready: false, restartCount: 0, started: false }];
  return updateManagedFields({ ...statusPatch(bound, creating), now: T0 + 1000 }).object;
}

function statusPatch(old: JsonObject, updated: JsonObject): UpdateManagedFieldsOptions {
  return { old, updated, manager: 'kubelet', subresource: 'status', schema: POD, apiVersion: 'v1', now: T0 + 2000, resetFields: SPEC_RESET };
}

/** As the API server holds objects: decoded from JSON (a request body, or the stored object). */
const fromJson = (obj: JsonObject): JsonObject => JSON.parse(JSON.stringify(obj)) as JsonObject;

export const SCENARIOS: readonly BenchScenario[] = [
  { name: 'pod create (kube-controller-manager)', make: (i) => createOptions(fromJson(benchPod(i)), 'kube-controller-manager') },
  {
    name: 'pod status patch (kubelet, Running)',
    make: (i) => {
      // The registry decodes the stored object, clones it and applies the patch to the clone.
      const old = fromJson(storedPod(i));
      return statusPatch(old, withRunningStatus(structuredClone(old), i));
    },
  },
  { name: 'event create (kubelet)', make: (i) => createOptions(fromJson(benchEvent(i)), 'kubelet', EVENT) },
];

/**
 * Runs `scenario` for about `ms` milliseconds (after a warm-up) in rounds of 200 calls and returns the median round's
 * nanoseconds per call (the median resists the noise of a shared machine better than the mean).
 */
export function measure(
  scenario: BenchScenario,
  options: { ms: number; run: (o: UpdateManagedFieldsOptions) => unknown },
): { nsPerOp: number; ops: number } {
  const { ms, run } = options;
  const batch = 200;
  let i = 0;
  const round = () => {
    const inputs = Array.from({ length: batch }, () => scenario.make(i++));
    const start = performance.now();
    for (const opts of inputs) run(opts);
    return performance.now() - start;
  };
  for (let w = 0; w < 5; w++) round();
  const rounds: number[] = [];
  let spent = 0;
  while (spent < ms) {
    const t = round();
    rounds.push(t);
    spent += t;
  }
  rounds.sort((a, b) => a - b);
  return { nsPerOp: (rounds[rounds.length >> 1]! * 1e6) / batch, ops: rounds.length * batch };
}

function main(argv: readonly string[]): void {
  const at = argv.indexOf('--ms');
  const ms = at >= 0 ? Number(argv[at + 1]) : 1500;
  const only = argv.indexOf('--only');
  const filter = only >= 0 ? (argv[only + 1] ?? '') : '';
  const ns = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log('| scenario | updateManagedFields ns/op | computeManagedFields ns/op |');
  console.log('|---|---:|---:|');
  for (const s of SCENARIOS.filter((x) => x.name.includes(filter))) {
    const update = measure(s, { ms, run: updateManagedFields });
    const compute = measure(s, { ms, run: computeManagedFields });
    console.log(`| ${s.name} | ${ns(update.nsPerOp)} | ${ns(compute.nsPerOp)} |`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
