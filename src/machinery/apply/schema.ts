/**
 * ApplySchema: the little type information server-side apply needs, supplied by the api layer (from OpenAPI
 * `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`) or by a table.
 *
 * A type is looked up by the *field-name path* of a value from the object root; list items add no segment, so
 * `spec.template.spec.containers` names both the containers list and each container in it, and
 * `spec.template.spec.containers.ports` the ports of any container. Whether a value is a list, a map or a scalar is
 * read from the value itself; the schema only says how to treat it.
 */
import { compareGoStrings, type JsonObject, type JsonValue } from './go-json.js';
import { fieldElement, type PathElement } from './path.js';

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
   * first apply's `before-first-apply` bookkeeping. It decides which fields count as added. Default `{}`. Must give
   * equal values on every call: the bookkeeping may call it once per schema and keep the value (read only).
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

/**
 * The type information at one field-name path, with memoized children. Nodes are shared by every walk over the same
 * ApplySchema (its `typeAt` is a pure function of the path), up to a bound on the number of remembered nodes per
 * schema; past it, children are still correct, only computed again on each visit.
 */
export class TypeNode {
  private kids: Map<string, TypeNode> | undefined;
  /** The last few key lists of maps at this type, with their sorted order (maps of one type repeat their keys). */
  private sorts: { readonly keys: readonly string[]; readonly sorted: readonly string[] }[] = [];
  /** The field element of the node's last path segment (unused at the root). */
  readonly pe: PathElement;

  constructor(
    readonly info: ApplyTypeInfo,
    private readonly path: readonly string[],
    private readonly tree: TypeTree,
  ) {
    this.pe = fieldElement(path.length === 0 ? '' : path[path.length - 1]!);
  }

  /**
   * `keys` in Go string order (the order of field elements). Remembers the last few lists: objects of one kind carry
   * the same keys in the same order, so sorting is mostly a comparison of the lists.
   */
  sortedKeys(keys: readonly string[]): readonly string[] {
    for (const seen of this.sorts) {
      if (seen.keys.length !== keys.length) continue;
      let same = true;
      for (let i = 0; same && i < keys.length; i++) same = seen.keys[i] === keys[i];
      if (same) return seen.sorted;
    }
    const sorted = [...keys].sort(compareGoStrings);
    if (this.sorts.length >= 4) this.sorts.shift();
    this.sorts.push({ keys, sorted });
    return sorted;
  }

  /** The node of the field `key` below this one. */
  child(key: string): TypeNode {
    const known = this.kids?.get(key);
    if (known) return known;
    const path = [...this.path, key];
    const node = new TypeNode(this.tree.schema.typeAt(path), path, this.tree);
    if (this.tree.budget > 0) {
      this.tree.budget--;
      (this.kids ??= new Map()).set(key, node);
    }
    return node;
  }
}

interface TypeTree {
  readonly schema: ApplySchema;
  /** How many more nodes may be remembered. */
  budget: number;
  root?: TypeNode;
  /** The schema's empty object, deeply frozen. */
  empty?: JsonObject;
}

/** Remembered type nodes per schema (a schema with free-form keys, e.g. the deduced one, could grow without end). */
const MAX_TYPE_NODES = 20_000;
const trees = new WeakMap<ApplySchema, TypeTree>();

function treeOf(schema: ApplySchema): TypeTree {
  let tree = trees.get(schema);
  if (!tree) {
    tree = { schema, budget: MAX_TYPE_NODES };
    trees.set(schema, tree);
  }
  return tree;
}

function deepFreeze<T extends JsonValue>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** Memoizes `typeAt` for one walk over an object; `root` gives the shared node tree. */
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

  /** The type node of the object root. */
  get root(): TypeNode {
    const tree = treeOf(this.schema);
    tree.root ??= new TypeNode(this.schema.typeAt([]), [], tree);
    return tree.root;
  }

  /** A new copy of the schema's empty object. */
  emptyObject(): JsonObject {
    return this.schema.emptyObject?.() ?? {};
  }

  /** The schema's empty object, shared and deeply frozen: for reading only (the "before" of a comparison). */
  frozenEmptyObject(): JsonObject {
    const tree = treeOf(this.schema);
    tree.empty ??= deepFreeze(this.emptyObject());
    return tree.empty;
  }
}
