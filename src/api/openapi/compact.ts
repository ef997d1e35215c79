/**
 * The compact form the definition tables in ./definitions are written in, and its expansion to OpenAPI schemas.
 *
 * A property is `[type, description, extensions?]`. The type is a scalar (`string`, `boolean`, `int32`, `int64`,
 * `number`, `byte`), a definition (`core.Container`, `meta.ObjectMeta`: short package name + type name, see
 * PACKAGE_PREFIXES), an array `T[]` or a string-keyed map `{T}`. Extensions carry the Kubernetes markers of the Go
 * field (`+listType`, `+listMapKey`, `patchMergeKey`, `patchStrategy`, `+mapType`, enum values, `+default`).
 * A definition with `gvk` is a top-level kind and gets `apiVersion` and `kind` properties; `tm` adds them without a
 * GVK (meta types whose GVKs depend on what is served).
 */
import { OpenApiError, qualifiedName, schemaRef, type ListType, type MapType, type SchemaObject } from './schema.js';

export interface CompactExtensions {
  readonly list?: ListType;
  readonly keys?: readonly string[];
  readonly merge?: string;
  readonly strategy?: string;
  readonly mapType?: MapType;
  readonly enum?: readonly string[];
  readonly default?: string | number | boolean;
}

export type CompactProperty = readonly [type: string, description: string] | readonly [type: string, description: string, ext: CompactExtensions];

export interface CompactDefinition {
  readonly d: string;
  readonly gvk?: readonly [group: string, version: string, kind: string];
  readonly tm?: true;
  /** `x-kubernetes-map-type` of the struct itself (`+structType=atomic`). */
  readonly mapType?: MapType;
  readonly p?: Readonly<Record<string, CompactProperty>>;
  readonly req?: readonly string[];
}

export type CompactTable = Readonly<Record<string, CompactDefinition>>;

/** Description of `metadata` on every top-level kind. */
export const OBJECT_METADATA =
  "Standard object's metadata: name, namespace, labels, annotations, owner references and server-set bookkeeping.";
/** Description of `metadata` on lists and list-like responses. */
export const LIST_METADATA = 'Standard list metadata: resourceVersion and the continue token of paginated lists.';
export const API_VERSION_DOC =
  'APIVersion names the versioned schema of this object (group/version); servers convert recognized schemas to the latest internal value and may reject unrecognized ones.';
export const KIND_DOC =
  'Kind is the REST resource this object represents, in CamelCase; servers may infer it from the endpoint. Cannot be updated.';

const SCALARS: Readonly<Record<string, SchemaObject>> = {
  string: { type: 'string' },
  boolean: { type: 'boolean' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  number: { type: 'number', format: 'double' },
  byte: { type: 'string', format: 'byte' },
};

/** The schema of a compact type expression, without description or extensions. */
export function expandType(type: string): SchemaObject {
  if (type.endsWith('[]')) return { type: 'array', items: expandType(type.slice(0, -2)) };
  if (type.startsWith('{') && type.endsWith('}')) return { type: 'object', additionalProperties: expandType(type.slice(1, -1)) };
  const scalar = SCALARS[type];
  if (scalar) return { ...scalar };
  if (type.includes('.')) return { $ref: schemaRef(qualifiedName(type)) };
  throw new OpenApiError('InvalidDefinition', `unknown type ${JSON.stringify(type)}`);
}

function expandProperty(owner: string, name: string, prop: CompactProperty): SchemaObject {
  const [type, description, ext] = prop;
  const out: SchemaObject = { ...expandType(type) };
  if (description) out.description = description;
  if (ext) addExtensions(owner, name, out, ext);
  if (out.$ref && Object.keys(out).length > 1) {
    const { $ref, ...siblings } = out;
    return { allOf: [{ $ref }], ...siblings };
  }
  return out;
}

function addExtensions(owner: string, name: string, out: SchemaObject, ext: CompactExtensions): void {
  if (ext.enum) {
    // Enum values constrain the scalar: the property itself, or the items of a list of enum values.
    const target = out.type === 'array' && out.items ? (out.items = { ...out.items }) : out;
    target.enum = [...ext.enum];
  }
  if (ext.default !== undefined) out.default = ext.default;
  if (ext.merge) out['x-kubernetes-patch-merge-key'] = ext.merge;
  if (ext.strategy) out['x-kubernetes-patch-strategy'] = ext.strategy;
  if (ext.list) out['x-kubernetes-list-type'] = ext.list;
  if (ext.keys) {
    if (ext.list !== 'map') throw new OpenApiError('InvalidDefinition', `${owner}.${name}: list map keys on a non-map list`);
    out['x-kubernetes-list-map-keys'] = [...ext.keys];
  }
  if (ext.mapType) out['x-kubernetes-map-type'] = ext.mapType;
}

/**
 * Expands a compact table into named OpenAPI schemas. Guarantees: every property of the input appears with the
 * same name; `required` lists only declared properties (otherwise OpenApiError).
 */
export function expandTable(table: CompactTable): Record<string, SchemaObject> {
  const out: Record<string, SchemaObject> = {};
  for (const [short, def] of Object.entries(table)) {
    const name = qualifiedName(short);
    const properties: Record<string, SchemaObject> = {};
    if (def.gvk || def.tm) {
      properties.apiVersion = { type: 'string', description: API_VERSION_DOC };
      properties.kind = { type: 'string', description: KIND_DOC };
    }
    for (const [prop, spec] of Object.entries(def.p ?? {})) properties[prop] = expandProperty(short, prop, spec);
    const schema: SchemaObject = { description: def.d, type: 'object', properties };
    if (def.req?.length) {
      const undeclared = def.req.filter((r) => !(r in properties));
      if (undeclared.length) throw new OpenApiError('InvalidDefinition', `${short}: required but not declared: ${undeclared.join(', ')}`);
      schema.required = [...def.req];
    }
    if (def.mapType) schema['x-kubernetes-map-type'] = def.mapType;
    if (def.gvk) schema['x-kubernetes-group-version-kind'] = [{ group: def.gvk[0], version: def.gvk[1], kind: def.gvk[2] }];
    if (name in out) throw new OpenApiError('InvalidDefinition', `definition ${name} declared twice`);
    out[name] = schema;
  }
  return out;
}
