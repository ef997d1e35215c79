/**
 * From the built-in model to what one registry serves: list kinds, the group-version lists of the meta kinds that
 * every group shares, lookup by GVK, and the closure of definitions a document needs.
 */
import type { GroupVersionKind } from '../meta.js';
import type { ResourceRegistry } from '../registry/index.js';
import { API_VERSION_DOC, KIND_DOC, LIST_METADATA } from './compact.js';
import { builtinDefinitions } from './definitions/index.js';
import { OpenApiError, refName, refProperty, schemaRef, type DefinitionTable, type SchemaObject } from './schema.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

const gvkKey = (gvk: GroupVersionKind) => `${gvk.group}/${gvk.version}/${gvk.kind}`;

/** Definition names by every GVK listed in their `x-kubernetes-group-version-kind`. */
export class DefinitionIndex {
  readonly #byGVK = new Map<string, string>();

  constructor(readonly definitions: DefinitionTable) {
    for (const [name, schema] of Object.entries(definitions)) {
      for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
        if (!this.#byGVK.has(gvkKey(gvk))) this.#byGVK.set(gvkKey(gvk), name);
      }
    }
  }

  /** The definition whose GVK list contains `gvk`; for meta kinds shared by all groups, the shared definition. */
  nameOf(gvk: GroupVersionKind): string | undefined {
    return this.#byGVK.get(gvkKey(gvk));
  }

  schemaOf(gvk: GroupVersionKind): SchemaObject | undefined {
    const name = this.nameOf(gvk);
    return name === undefined ? undefined : this.definitions[name];
  }
}

function listSchema(itemName: string, item: GroupVersionKind, listKind: string): SchemaObject {
  return {
    description: `${listKind} is a list of ${item.kind} objects.`,
    type: 'object',
    properties: {
      apiVersion: { type: 'string', description: API_VERSION_DOC },
      kind: { type: 'string', description: KIND_DOC },
      metadata: refProperty(`${META}.ListMeta`, { description: LIST_METADATA }),
      items: { type: 'array', items: { $ref: schemaRef(itemName) }, description: `The ${item.kind} objects in the list.` },
    },
    required: ['items'],
    'x-kubernetes-group-version-kind': [{ group: item.group, version: item.version, kind: listKind }],
  };
}

/** Every group-version a meta kind like DeleteOptions is registered in: core/v1 and each served or referenced group. */
function sharedGroupVersions(registry: ResourceRegistry): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>([['/v1', { group: '', version: 'v1' }]]);
  const add = (group: string, version: string) => seen.set(`${group}/${version}`, { group, version });
  for (const r of registry.all()) {
    add(r.group, r.version);
    for (const s of r.subresources) add(s.kind.group, s.kind.version);
  }
  return [...seen.values()].sort((a, b) => a.group.localeCompare(b.group) || a.version.localeCompare(b.version));
}

const CORE_ONLY_META_KINDS = ['Status', 'APIResourceList', 'APIGroupList', 'APIGroup', 'APIVersions'];
const SHARED_META_KINDS = ['DeleteOptions', 'WatchEvent'];

/**
 * The definitions served for `registry`: `base` plus a `<Kind>List` for every listable resource whose kind has a
 * definition, and the GVK lists of the meta kinds. Does not modify `base`.
 */
export function servedDefinitions(registry: ResourceRegistry, base: DefinitionTable = builtinDefinitions()): DefinitionTable {
  const out: Record<string, SchemaObject> = { ...base };
  const index = new DefinitionIndex(base);
  for (const r of registry.all()) {
    if (!r.verbs.includes('list')) continue;
    const item = { group: r.group, version: r.version, kind: r.kind };
    const itemName = index.nameOf(item);
    if (!itemName) continue;
    const listName = `${itemName.slice(0, itemName.lastIndexOf('.'))}.${r.listKind}`;
    if (!(listName in out)) out[listName] = listSchema(itemName, item, r.listKind);
  }
  const shared = sharedGroupVersions(registry);
  for (const kind of [...CORE_ONLY_META_KINDS, ...SHARED_META_KINDS]) {
    const name = `${META}.${kind}`;
    const schema = out[name];
    if (!schema || schema['x-kubernetes-group-version-kind']) continue;
    const gvs = SHARED_META_KINDS.includes(kind) ? shared : [{ group: '', version: 'v1' }];
    out[name] = { ...schema, 'x-kubernetes-group-version-kind': gvs.map((gv) => ({ ...gv, kind })) };
  }
  return out;
}

function collectRefs(schema: SchemaObject, into: (name: string) => void): void {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    if (name === undefined) throw new OpenApiError('DanglingReference', `unsupported reference ${schema.$ref}`);
    into(name);
  }
  if (schema.items) collectRefs(schema.items, into);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') collectRefs(schema.additionalProperties, into);
  for (const p of Object.values(schema.properties ?? {})) collectRefs(p, into);
  for (const s of [...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) collectRefs(s, into);
}

/**
 * The definitions reachable from `roots` through `$ref`s, roots included, in a stable order (sorted by name).
 * Throws OpenApiError('DanglingReference') when a reachable reference has no definition.
 */
export function reachableDefinitions(definitions: DefinitionTable, roots: Iterable<string>): Record<string, SchemaObject> {
  const found = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop()!;
    if (found.has(name)) continue;
    const schema = definitions[name];
    if (!schema) throw new OpenApiError('DanglingReference', `no definition named ${name}`);
    found.add(name);
    collectRefs(schema, (ref) => {
      if (!found.has(ref)) queue.push(ref);
    });
  }
  const out: Record<string, SchemaObject> = {};
  for (const name of [...found].sort()) out[name] = definitions[name]!;
  return out;
}

/** Refs used by an operation or document fragment (request bodies, responses), for reachableDefinitions roots. */
export function refsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) refsIn(v, into);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') {
        const name = refName(v);
        if (name !== undefined) into.add(name);
      } else refsIn(v, into);
    }
  }
  return into;
}
