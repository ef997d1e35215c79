/** Test helper: a fresh temporary directory holding a data file path, removed by `cleanup`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDb {
  dir: string;
  path: string;
  cleanup(): void;
}

export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-sqlite-'));
  return { dir, path: join(dir, 'state.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
