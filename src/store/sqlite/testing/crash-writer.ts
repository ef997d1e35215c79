/**
 * Crash-test fixture, run as a child process: `node --import tsx crash-writer.ts <data file>`.
 * Opens the store and writes forever from 16 concurrent writers (creates, then updates of a few churned keys),
 * printing `<revision> <key>` to stdout as soon as each write is acknowledged. The test kills it with SIGKILL.
 * stdout is a pipe, which Node writes synchronously on Linux, so every printed line was acknowledged first.
 */
import { SqliteStore } from '../sqlite-store.js';

const path = process.argv[2];
if (!path) throw new Error('usage: crash-writer.ts <data file>');
const store = new SqliteStore({ path });

async function writer(n: number): Promise<never> {
  for (let i = 0; ; i++) {
    const key = `/crash/${n}/${i}`;
    const created = await store.create(key, `value ${n}/${i}`);
    process.stdout.write(`${created.revision} ${key}\n`);
    if (i % 4 === 3) {
      const churned = `/crash/${n}/${i - 1}`;
      const prev = await store.get(churned);
      const updated = await store.update(churned, `updated ${n}/${i}`, prev.kv!.modRevision);
      process.stdout.write(`${updated.revision} ${churned}\n`);
    }
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: 16 }, (_, n) => writer(n)));
