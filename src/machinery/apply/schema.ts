/**
 * ApplySchema: the little type information server-side apply needs, supplied by the api layer (from OpenAPI
 * `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`) or by a table.
 *
 * A type is looked up by the *field-name path* of a value from the object root; list items add no segment, so
 * `spec.template.spec.containers` names both the containers list and each container in it, and
 * `spec.template.spec.containers.ports` the ports of any container. Whether a value is a list, a map or a scalar is
 * read from the value itself; the schema only says how to treat it.
 */
import type { JsonObject, JsonValue } from './go-json.js';

/** `atomic`: replaced as a whole. `set`: items are distinct scalars. `map`: items are maps keyed by `listMapKeys`. */
export type ListType = 'atomic' | 'set' | 'map';
/** `granular`: keys are merged and owned one by one. `atomic`: replaced and owned as a whole. */
export type MapType = 'granular' | 'atomic';
/**
 * `struct`: a typed object whose keys are named fields (a field holding a non-empty object is owned through its
 * children only, and pruning it may remove the field itself). `map`: free-form keys (labels, annotations, data),
 * each key owned as a member.
 */
export type MapKind = 'struct' | 'map';

export interface ApplyTypeInfo {
  /** For a list; default `atomic`, as for a Kubernetes list without `x-kubernetes-list-type`. */
  readonly listType?: ListType;
  /** For `listType: 'map'`: the key fields of every item (e.g. `['containerPort', 'protocol']`). */
  readonly listMapKeys?: readonly string[];
  /** Values used for key fields an item omits (the OpenAPI `default` of the key field, e.g. `{protocol: 'TCP'}`). */
  readonly listMapKeyDefaults?: Readonly<Record<string, JsonValue>>;
  /** For a map; default `granular`. */
  readonly mapType?: MapType;
  /** For a map; default `struct`. */
  readonly mapKind?: MapKind;
}

export interface ApplySchema {
  /** The type information of the value at `path` (field names only). Must be a pure function of `path`. */
  typeAt(path: readonly string[]): ApplyTypeInfo;
  /**
   * The kind's zero value as Go serializes it (e.g. a Deployment's `{metadata: {creationTimestamp: null}, spec:
   * {selector: null, strategy: {}, template: {...}}, status: {}}`): the "before" object of a create and of the
   * first apply's `before-first-apply` bookkeeping. It decides which fields count as added. Default `{}`.
   */
  emptyObject?(): JsonObject;
}

/** A table of dotted paths (a `*` segment matches any one key, e.g. `metadata.labels.*`) to type information. */
export type ApplySchemaTable = Readonly<Record<string, ApplyTypeInfo>>;

export interface TableSchemaOptions {
  /** The zero value of the kind (see ApplySchema.emptyObject). */
  readonly emptyObject?: JsonObject;
  /** Consulted for paths the table does not list; default: nothing known (struct maps, atomic lists). */
  readonly fallback?: ApplySchema;
}

/** An ApplySchema backed by a table. Exact entries win over wildcard ones; lookups are cached. */
export function applySchemaFromTable(table: ApplySchemaTable, options: TableSchemaOptions = {}): ApplySchema {
  const exact = new Map<string, ApplyTypeInfo>();
  const wild: { segments: string[]; info: ApplyTypeInfo }[] = [];
  for (const [key, info] of Object.entries(table)) {
    const segments = key.split('.');
    if (segments.includes('*')) wild.push({ segments, info });
    else exact.set(segments.join('\u0000'), info);
  }
  const cache = new Map<string, ApplyTypeInfo>();
  const empty = options.emptyObject;
  return {
    typeAt(path) {
      const id = path.join('\u0000');
      const hit = exact.get(id) ?? cache.get(id);
      if (hit) return hit;
      const w = wild.find((e) => e.segments.length === path.length && e.segments.every((s, i) => s === '*' || s === path[i]));
      const info = w?.info ?? options.fallback?.typeAt(path) ?? {};
      cache.set(id, info);
      return info;
    },
    ...(empty ? { emptyObject: () => structuredClone(empty) } : {}),
  };
}

/**
 * SMD's "deduced" type, used for objects without a schema (custom resources without structural schema): every map
 * is granular with free-form keys, every list atomic.
 */
export const deducedApplySchema: ApplySchema = {
  typeAt: () => ({ mapKind: 'map' }),
};

/** Memoizes `typeAt` for one walk over an object. */
export class TypeCursor {
  private readonly memo = new Map<string, ApplyTypeInfo>();

  constructor(private readonly schema: ApplySchema) {}

  info(path: readonly string[]): ApplyTypeInfo {
    const id = path.join('\u0000');
    let info = this.memo.get(id);
    if (!info) {
      info = this.schema.typeAt(path);
      this.memo.set(id, info);
    }
    return info;
  }

  emptyObject(): JsonObject {
    return this.schema.emptyObject?.() ?? {};
  }
}
