/** Opens the Store a command line asks for: sqlite (the embedded default), memory, or an etcd cluster. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EtcdStore, MemoryStore, SqliteStore, type Store } from '../store/index.js';

export type StoreKind = 'sqlite' | 'memory' | 'etcd';

export interface OpenStoreOptions {
  kind: string;
  dataDir: string;
  etcdEndpoints?: string;
  /** Automatic compaction for sqlite (Kubernetes compacts every 5 minutes). */
  compactIntervalMs?: number;
}

export function openStore(o: OpenStoreOptions): Store {
  switch (o.kind) {
    case 'memory':
      return new MemoryStore();
    case 'sqlite': {
      mkdirSync(o.dataDir, { recursive: true });
      return new SqliteStore({
        path: join(o.dataDir, 'state.db'),
        autoCompact: { intervalMs: o.compactIntervalMs ?? 5 * 60_000, retainRevisions: 10_000 },
      });
    }
    case 'etcd': {
      const endpoints = (o.etcdEndpoints ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (!endpoints.length) throw new Error('--store etcd needs --etcd-endpoints (e.g. http://127.0.0.1:2379)');
      return new EtcdStore({ endpoints, prefix: '/skiff/' });
    }
    default:
      throw new Error(`unknown store ${JSON.stringify(o.kind)}: use sqlite, memory or etcd`);
  }
}
