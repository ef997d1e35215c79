/** `/healthz`, `/livez`, `/readyz` (and `/<kind>/<check>`), answered in Kubernetes' text format. */
import type { ServerResponse } from 'node:http';
import { ApiError } from '../../machinery/index.js';
import { writeRaw } from './respond.js';

export function isHealthPath(p: string): boolean {
  return p.startsWith('/healthz') || p.startsWith('/livez') || p.startsWith('/readyz');
}

/** Writes `ok` (200) or the failed checks (500); `?verbose` lists every check. An unknown check name is a 404. */
export function writeHealth(res: ServerResponse, o: { path: string; verbose: boolean; checks: Record<string, boolean> }): void {
  const { path, checks } = o;
  const sub = path.split('/')[2];
  if (sub && checks[sub] === undefined) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
  const selected = sub ? { [sub]: checks[sub]! } : checks;
  const ok = Object.values(selected).every(Boolean);
  const kind = path.slice(1).split('/')[0];
  if (!o.verbose) {
    const failed = Object.entries(selected).filter(([, v]) => !v).map(([k]) => `[-]${k} failed: reason withheld`);
    writeRaw(res, ok ? 200 : 500, ok ? 'ok' : `${failed.join('\n')}\n${kind} check failed`, 'text/plain; charset=utf-8');
    return;
  }
  const lines = Object.entries(selected).map(([k, v]) => `[${v ? '+' : '-'}]${k} ${v ? 'ok' : 'failed: reason withheld'}`);
  lines.push(ok ? `${kind} check passed` : `${kind} check failed`);
  writeRaw(res, ok ? 200 : 500, lines.join('\n') + '\n', 'text/plain; charset=utf-8');
}
