/** The schema model of every built-in type skiff serves, assembled from the per-group tables. */
import { expandTable, type CompactTable } from '../compact.js';
import { OpenApiError, deepFreeze, type DefinitionTable, type SchemaObject } from '../schema.js';
import { accessDefinitions } from './access.js';
import { appsDefinitions } from './apps.js';
import { coreClusterDefinitions } from './core-cluster.js';
import { coreContainerDefinitions } from './core-container.js';
import { corePodDefinitions } from './core-pod.js';
import { coreSchedulingDefinitions } from './core-scheduling.js';
import { coreServiceDefinitions } from './core-service.js';
import { coreVolumeLegacyDefinitions } from './core-volume-legacy.js';
import { coreVolumeDefinitions } from './core-volume.js';
import { groupsDefinitions } from './groups.js';
import { metaDefinitions } from './meta.js';
import { scalarDefinitions } from './scalars.js';

const TABLES: readonly CompactTable[] = [
  metaDefinitions,
  corePodDefinitions,
  coreContainerDefinitions,
  coreVolumeDefinitions,
  coreVolumeLegacyDefinitions,
  coreSchedulingDefinitions,
  coreServiceDefinitions,
  coreClusterDefinitions,
  appsDefinitions,
  groupsDefinitions,
  accessDefinitions,
];

let cached: DefinitionTable | undefined;

/**
 * Every built-in definition (kinds, their nested types, meta/v1 and the apimachinery scalars), keyed by Kubernetes
 * definition name. Served-independent: list kinds and the GVK lists of DeleteOptions/WatchEvent are added per
 * registry by servedDefinitions(). The result is deeply frozen and computed once.
 */
export function builtinDefinitions(): DefinitionTable {
  if (cached) return cached;
  const out: Record<string, SchemaObject> = {};
  for (const table of [...TABLES.map(expandTable), scalarDefinitions]) {
    for (const [name, schema] of Object.entries(table)) {
      if (name in out) throw new OpenApiError('InvalidDefinition', `definition ${name} declared twice`);
      out[name] = schema;
    }
  }
  cached = deepFreeze(out);
  return cached;
}
