/**
 * The dependency rule from notes/architecture-and-style.md, checked by reading every import in src/:
 *   machinery ← api ← store ← apiserver;  machinery ← api ← client ← {controllers, scheduler, kubelet, proxy, trace}
 * cmd/ may import anything; nothing imports cmd/. Across folders, imports go through the folder's index.ts (or, from
 * tests only, its testing/index.ts). There is no exception list.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

const allowed: Record<string, string[]> = {
  machinery: [],
  api: ['machinery'],
  store: ['machinery', 'api'],
  apiserver: ['machinery', 'api', 'store'],
  client: ['machinery', 'api'],
  controllers: ['machinery', 'api', 'client'],
  scheduler: ['machinery', 'api', 'client'],
  kubelet: ['machinery', 'api', 'client'],
  proxy: ['machinery', 'api', 'client'],
  trace: ['machinery', 'api', 'client'],
  cmd: ['machinery', 'api', 'store', 'apiserver', 'client', 'controllers', 'scheduler', 'kubelet', 'proxy', 'trace'],
};

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function violations(): string[] {
  const problems: string[] = [];
  for (const file of walk(SRC)) {
    const rel = relative(SRC, file);
    const parts = rel.split(sep);
    if (parts.length < 2) continue; // files at src/ root (this test)
    const from = parts[0]!;
    const isTest = file.endsWith('.test.ts') || parts.includes('testing');
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2];
      if (!spec || !spec.startsWith('.')) continue;
      const target = relative(SRC, resolve(dirname(file), spec)).split(sep);
      const to = target[0]!;
      if (to === from) continue;
      if (!(from in allowed)) problems.push(`${rel}: folder ${from} is not in the dependency rule`);
      else if (!allowed[from]!.includes(to)) problems.push(`${rel}: ${from} may not import ${to} (${spec})`);
      const door = target.slice(1).join('/');
      const ok = door === 'index.js' || (isTest && door === 'testing/index.js');
      if (!ok) problems.push(`${rel}: deep import ${spec}; import ../${to}/index.js instead`);
    }
  }
  return problems;
}

describe('dependency rule', () => {
  it('every cross-folder import is allowed and goes through index.ts', () => {
    expect(violations()).toEqual([]);
  });

  it('would catch a component importing the store', () => {
    const text = `import { x } from '../store/index.js';`;
    const m = [...text.matchAll(importRe)];
    expect(m[0]?.[1]).toBe('../store/index.js');
    expect(allowed.controllers).not.toContain('store');
  });
});
