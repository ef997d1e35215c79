/**
 * Test helpers for the API server: one in-memory ApiServer wired the way tests need it (memory store, real clock,
 * built-in resources, the real field manager and metrics), so each suite states only what differs.
 */
import { builtinRegistry } from '../../api/index.js';
import { generateNameSuffix, newUid, realClock } from '../../machinery/index.js';
import { MemoryStore } from '../../store/index.js';
import { makeFieldManager } from '../field-manager-impl.js';
import { ApiMetrics } from '../metrics.js';
import { ApiServer, type ApiServerDeps } from '../server.js';

/** A new, not yet started ApiServer over a fresh MemoryStore; `overrides` replace or add dependencies. */
export function newTestApiServer(overrides: Partial<ApiServerDeps> = {}): ApiServer {
  return new ApiServer({
    store: new MemoryStore(),
    clock: realClock,
    resources: builtinRegistry(),
    newUid,
    nameSuffix: () => generateNameSuffix(),
    fieldManager: makeFieldManager(),
    metrics: new ApiMetrics(),
    ...overrides,
  });
}
