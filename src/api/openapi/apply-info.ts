/**
 * What server-side apply needs to know about a field, read from the schema model the way structured-merge-diff's
 * schema conversion (kube-openapi schemaconv) reads OpenAPI: `x-kubernetes-list-type` and `-list-map-keys`, or
 * failing those the strategic-merge `x-kubernetes-patch-strategy: merge` (+ `-patch-merge-key`: a map list keyed by
 * it; without a key: a set); otherwise atomic. Maps and structs are granular unless `x-kubernetes-map-type: atomic`.
 *
 * Paths follow the convention of machinery/apply's ApplySchema: field names from the object root, list items add
 * no segment (`spec.template.spec.containers.ports`), a map value is addressed by its key.
 */
import type { GroupVersionKind } from '../meta.js';
import { SchemaNavigator } from './navigator.js';
import type { DefinitionTable, ListType, MapType, SchemaObject } from './schema.js';

export interface ApplySchemaInfo {
  /** For lists: how items are merged (explicit or derived from the patch strategy). */
  listType?: ListType;
  /** For `listType: 'map'`: the key fields of every item. */
  listMapKeys?: string[];
  /** OpenAPI defaults of key fields, used when an item omits them (`{protocol: 'TCP'}` for container ports). */
  listMapKeyDefaults?: Record<string, string | number | boolean>;
  /** For objects (or list items that are objects): `atomic` when set on the field or the type. */
  mapType?: MapType;
  /** `struct` for a typed object, `map` for a string-keyed map (labels, resources.requests). */
  mapKind?: 'struct' | 'map';
}

function listTypeOf(prop: SchemaObject, resolved: SchemaObject): Pick<ApplySchemaInfo, 'listType' | 'listMapKeys'> {
  const explicit = prop['x-kubernetes-list-type'] ?? resolved['x-kubernetes-list-type'];
  if (explicit) {
    const keys = prop['x-kubernetes-list-map-keys'] ?? resolved['x-kubernetes-list-map-keys'];
    return explicit === 'map' && keys ? { listType: 'map', listMapKeys: [...keys] } : { listType: explicit };
  }
  const strategy = prop['x-kubernetes-patch-strategy'] ?? resolved['x-kubernetes-patch-strategy'];
  if (strategy === 'merge' || strategy === 'merge,retainKeys') {
    const key = prop['x-kubernetes-patch-merge-key'] ?? resolved['x-kubernetes-patch-merge-key'];
    return key ? { listType: 'map', listMapKeys: [key] } : { listType: 'set' };
  }
  return { listType: 'atomic' };
}

/** Apply type information over a definition table (default: the built-in model). */
export class OpenApiApplySchemas {
  readonly #nav: SchemaNavigator;

  constructor(deps: { definitions?: DefinitionTable } = {}) {
    this.#nav = new SchemaNavigator(deps.definitions);
  }

  /**
   * The apply semantics of the value at `path` in objects of `gvk`; undefined when the kind is unknown or the
   * path names no declared field. `{}` inside preserve-unknown-fields values (nothing is known there).
   */
  typeAt(gvk: GroupVersionKind, path: readonly string[]): ApplySchemaInfo | undefined {
    const root = this.#nav.rootFor(gvk);
    if (!root) return undefined;
    let prop = root;
    for (const segment of path) {
      let s = this.#nav.resolve(prop);
      while (s.type === 'array' && s.items) s = this.#nav.resolve(s.items);
      if (s['x-kubernetes-preserve-unknown-fields']) return {};
      const field = s.properties && Object.hasOwn(s.properties, segment) ? s.properties[segment] : undefined;
      if (field) prop = field;
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') prop = s.additionalProperties;
      else return undefined;
    }
    return this.#infoOf(prop);
  }

  #infoOf(prop: SchemaObject): ApplySchemaInfo {
    const resolved = this.#nav.resolve(prop);
    const info: ApplySchemaInfo = {};
    let element = resolved;
    let mapType = prop['x-kubernetes-map-type'];
    if (resolved.type === 'array' && resolved.items) {
      Object.assign(info, listTypeOf(prop, resolved));
      element = this.#nav.resolve(resolved.items);
      mapType = resolved.items['x-kubernetes-map-type'];
      if (info.listMapKeys) {
        const defaults: Record<string, string | number | boolean> = {};
        for (const key of info.listMapKeys) {
          const d = element.properties?.[key]?.default;
          if (d !== undefined) defaults[key] = d;
        }
        if (Object.keys(defaults).length) info.listMapKeyDefaults = defaults;
      }
    }
    mapType ??= element['x-kubernetes-map-type'];
    if (element.properties) info.mapKind = 'struct';
    else if (element.additionalProperties && typeof element.additionalProperties === 'object') info.mapKind = 'map';
    if (mapType && (info.mapKind || element.type === 'object')) info.mapType = mapType;
    return info;
  }
}

/** applySchemaInfo over the built-in model (see OpenApiApplySchemas for another model). */
export function applySchemaInfo(gvk: GroupVersionKind, path: readonly string[]): ApplySchemaInfo | undefined {
  defaultSchemas ??= new OpenApiApplySchemas();
  return defaultSchemas.typeAt(gvk, path);
}
let defaultSchemas: OpenApiApplySchemas | undefined;
