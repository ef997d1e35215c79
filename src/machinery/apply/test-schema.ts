/**
 * A small schema exercising every list and map semantic, for tests of this module and of its users:
 *   spec.items       list of maps keyed by `name`; spec.items.ports keyed by `port`+`protocol` (protocol defaults TCP)
 *   spec.tags        set of scalars
 *   spec.args        atomic list
 *   spec.selector    atomic map (free-form keys)
 *   spec.config      granular free-form map
 *   metadata.labels / metadata.annotations   free-form maps
 * Everything else: struct maps, atomic lists.
 */
import { applySchemaFromTable, type ApplySchema } from './schema.js';

export const testApplySchema: ApplySchema = applySchemaFromTable({
  'metadata.labels': { mapKind: 'map' },
  'metadata.annotations': { mapKind: 'map' },
  'spec.items': { listType: 'map', listMapKeys: ['name'] },
  'spec.items.ports': { listType: 'map', listMapKeys: ['port', 'protocol'], listMapKeyDefaults: { protocol: 'TCP' } },
  'spec.tags': { listType: 'set' },
  'spec.args': { listType: 'atomic' },
  'spec.selector': { mapKind: 'map', mapType: 'atomic' },
  'spec.config': { mapKind: 'map' },
});
