import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isUnavailable } from '../errors.js';
import { isSqliteLocked, SqliteLockedError, SqliteStore } from './index.js';
import { tempDb } from './testing/temp-db.js';
import type { TempDb } from './testing/temp-db.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const storeModule = fileURLToPath(new URL('./index.ts', import.meta.url));

describe('sqlite data file: lock and reopen', () => {
  let tmp: TempDb;
  const open: SqliteStore[] = [];
  const openStore = (extra: Partial<ConstructorParameters<typeof SqliteStore>[0]> = {}) => {
    const s = new SqliteStore({ path: tmp.path, ...extra });
    open.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    tmp?.cleanup();
  });

  it('a second open of a held file fails with SqliteLockedError; after close it opens', async () => {
    tmp = tempDb();
    const first = openStore();
    await first.create('/k', 'v');
    let err: unknown = null;
    try {
      openStore();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SqliteLockedError);
    expect(isSqliteLocked(err)).toBe(true);
    expect(isUnavailable(err)).toBe(true);
    expect((err as SqliteLockedError).path).toBe(tmp.path);
    await first.close();
    const second = openStore();
    expect((await second.get('/k')).kv?.value).toBe('v');
  });

  it('another process cannot open a file this process holds', async () => {
    tmp = tempDb();
    openStore();
    const script = `
      const { SqliteStore, isSqliteLocked } = await import(${JSON.stringify(storeModule)});
      try { new SqliteStore({ path: ${JSON.stringify(tmp.path)} }); console.log('opened'); }
      catch (e) { console.log(isSqliteLocked(e) ? 'locked' : 'other: ' + e); }`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot });
    expect(r.stderr.toString()).toBe('');
    expect(r.stdout.toString().trim()).toBe('locked');
  });

  it('values, revisions, history and the compact revision survive close and reopen', async () => {
    tmp = tempDb();
    const s1 = openStore();
    const a = await s1.create('/a', 'a1');
    const a2 = await s1.update('/a', 'a2', a.kv.modRevision);
    const b = await s1.create('/b', 'b1');
    await s1.txn({ compare: [], success: [{ type: 'put', key: '/c', value: 'c1' }, { type: 'delete', key: '/b' }] });
    const d = await s1.create('/d', 'd1');
    await s1.compact(b.revision);
    await s1.close();

    const s2 = openStore();
    expect(await s2.currentRevision()).toBe(d.revision);
    expect(await s2.compactRevision()).toBe(b.revision);
    expect((await s2.get('/a')).kv).toEqual(a2.kv);
    expect((await s2.get('/b', { revision: b.revision })).kv).toEqual(b.kv);
    expect((await s2.get('/b')).kv).toBeNull();
    expect((await s2.range('/')).kvs.map((kv) => kv.key)).toEqual(['/a', '/c', '/d']);
    expect((await s2.stats()).keys).toBe(3);
    await expect(s2.get('/a', { revision: a.revision })).rejects.toMatchObject({ code: 'Compacted' });
    const u = await s2.update('/a', 'a3', a2.kv.modRevision);
    expect(u.kv).toMatchObject({ modRevision: d.revision + 1, createRevision: a.revision, version: 3 });
  });

  it('the revision continues monotonically after the newest key was deleted and compacted', async () => {
    tmp = tempDb();
    const s1 = openStore();
    await s1.create('/x', '1');
    const gone = await s1.delete('/x');
    await s1.compact(gone.revision);
    await s1.close();

    const s2 = openStore();
    expect(await s2.currentRevision()).toBe(gone.revision);
    expect((await s2.create('/y', '1')).revision).toBe(gone.revision + 1);
  });

  it('an interrupted purge resumes on the next open', async () => {
    tmp = tempDb();
    const s1 = openStore();
    let last = (await s1.create('/lease', '0')).kv.modRevision;
    for (let i = 0; i < 50; i++) last = (await s1.update('/lease', `${i}`, last)).kv.modRevision;
    const compacting = s1.compact(last);
    await s1.close(); // before the purge's first chunk ran
    await compacting;
    expect(s1.commitStats().purgedRows).toBe(0);

    const s2 = openStore();
    expect(await s2.compactRevision()).toBe(last);
    // 50 rows lie below `last`; all but the newest (the prevKv of the event at `last`) are unreachable.
    await expect.poll(() => s2.commitStats().purgedRows).toBe(50 - 1);
    expect((await s2.get('/lease')).kv).toMatchObject({ value: '49', version: 51 });
  });
});
