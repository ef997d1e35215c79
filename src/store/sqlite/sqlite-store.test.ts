import { runStoreContract } from '../testing/index.js';
import { SqliteStore } from './index.js';
import { tempDb } from './testing/temp-db.js';

runStoreContract('sqlite', async () => {
  const tmp = tempDb();
  const store = new SqliteStore({ path: tmp.path });
  return {
    store,
    cleanup: async () => {
      await store.close();
      tmp.cleanup();
    },
  };
});
