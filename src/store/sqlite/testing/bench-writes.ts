/**
 * Manual benchmark (not a test): concurrent durable creates + updates against a temp SqliteStore.
 *   node --import tsx src/store/sqlite/testing/bench-writes.ts [clients=64] [seconds=5] [valueBytes=1024]
 */
import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../sqlite-store.js';
import { tempDb } from './temp-db.js';

const clients = Number(process.argv[2] ?? 64);
const seconds = Number(process.argv[3] ?? 5);
const value = 'x'.repeat(Number(process.argv[4] ?? 1024));
const tmp = tempDb();
const store = new SqliteStore({ path: tmp.path });
const deadline = performance.now() + seconds * 1000;
let writes = 0;

async function client(n: number): Promise<void> {
  const key = `/registry/bench/${n}`;
  let rev = (await store.create(key, value)).kv.modRevision;
  writes++;
  for (let i = 0; performance.now() < deadline; i++) {
    if (i % 2) rev = (await store.update(key, value, rev)).kv.modRevision;
    else await store.create(`${key}/${i}`, value);
    writes++;
  }
}

const start = performance.now();
await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
const elapsed = (performance.now() - start) / 1000;
const st = store.commitStats();
console.log(
  `${clients} clients: ${Math.round(writes / elapsed)} writes/s durable; ${st.transactions} transactions, ` +
    `${(st.writes / st.transactions).toFixed(1)} writes/transaction, largest batch ${st.largestBatch}; ${store.fileBytes()} bytes`,
);
await store.close();
tmp.cleanup();
