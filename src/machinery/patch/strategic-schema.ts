/**
 * PatchSchema: what the strategic merge patch needs to know about a type, field by field. It is the TypeScript form
 * of the Go struct tags `patchStrategy:"merge,retainKeys" patchMergeKey:"name"` (the `x-kubernetes-patch-strategy` /
 * `x-kubernetes-patch-merge-key` OpenAPI extensions), plus the schema of each field's value so nested fields can be
 * looked up. A field the schema does not know has no strategy and an empty sub-schema: it and everything below it
 * merge as a JSON merge patch (maps merge, lists are replaced whole).
 */
import { PatchError } from './errors.js';

/** How a list or map field merges. Absent means the default: maps merge key by key, lists are replaced whole. */
export type PatchStrategy = 'merge' | 'replace';

/** The patch metadata of one field. */
export interface FieldPatchMeta {
  /** `merge` (lists merge by `mergeKey` or as a set of primitives) or `replace` (the value is atomic). */
  readonly strategy?: PatchStrategy;
  /** The `retainKeys` strategy: a patch carrying `$retainKeys` clears every key of the map it does not list. */
  readonly retainKeys: boolean;
  /** For a `merge` list of maps: the key identifying an element (`name`, `containerPort`, ...). */
  readonly mergeKey?: string;
  /** Informational: whether the value is a list of primitives or of maps (the algorithm looks at the data). */
  readonly list?: 'primitives' | 'maps';
  /** The schema of the value; for a list, of its elements. EMPTY_PATCH_SCHEMA when nothing is known. */
  readonly schema: PatchSchema;
}

export interface PatchSchema {
  /** A name for error messages (Go: the type name). */
  readonly name: string;
  /** The patch metadata of `field` in an object of this type; undefined when the field is unknown. */
  field(field: string): FieldPatchMeta | undefined;
}

/** The schema of an unknown type: every field unknown, so everything merges as a JSON merge patch. */
export const EMPTY_PATCH_SCHEMA: PatchSchema = Object.freeze({ name: 'unknown', field: () => undefined });

const UNKNOWN_FIELD: FieldPatchMeta = Object.freeze({ retainKeys: false, schema: EMPTY_PATCH_SCHEMA });

/** The metadata of `field` under `schema`, with the unknown-field default (no strategy, empty sub-schema). */
export function lookupField(schema: PatchSchema, field: string): FieldPatchMeta {
  return schema.field(field) ?? UNKNOWN_FIELD;
}

/** The metadata of the field at `path` (e.g. `['spec', 'template', 'spec', 'containers']`), or undefined. */
export function lookupPath(schema: PatchSchema, path: readonly string[]): FieldPatchMeta | undefined {
  let current: PatchSchema = schema;
  let meta: FieldPatchMeta | undefined;
  for (const part of path) {
    meta = current.field(part);
    if (!meta) return undefined;
    current = meta.schema;
  }
  return meta;
}

/** One field as declared: `patchStrategy` tag text, `patchMergeKey`, element kind and value schema. */
export interface PatchFieldSpec {
  /** The Go tag text: `merge`, `replace`, `retainKeys`, `merge,retainKeys` (either order). */
  readonly patchStrategy?: string;
  readonly patchMergeKey?: string;
  readonly list?: 'primitives' | 'maps';
  /** The value's schema (a list's element schema); a thunk allows recursive and mutually recursive types. */
  readonly schema?: PatchSchema | (() => PatchSchema);
}

/**
 * Declares a PatchSchema from field specs. Strategy strings are validated eagerly (PatchError InvalidSchema):
 * `retainKeys` may combine with one other strategy, anything else is rejected, as Kubernetes rejects it.
 */
export function definePatchSchema(name: string, fields: Readonly<Record<string, PatchFieldSpec>>): PatchSchema {
  const metas = new Map<string, FieldPatchMeta>();
  const thunks = new Map<string, () => PatchSchema>();
  for (const [field, spec] of Object.entries(fields)) {
    const { strategy, retainKeys } = parsePatchStrategy(spec.patchStrategy ?? '', `${name}.${field}`);
    if (spec.patchMergeKey !== undefined && strategy !== 'merge') {
      throw new PatchError('InvalidSchema', `${name}.${field}: patchMergeKey requires patchStrategy merge`);
    }
    const value = spec.schema;
    if (typeof value === 'function') thunks.set(field, value);
    metas.set(field, {
      ...(strategy ? { strategy } : {}),
      retainKeys,
      ...(spec.patchMergeKey !== undefined ? { mergeKey: spec.patchMergeKey } : {}),
      ...(spec.list ? { list: spec.list } : {}),
      schema: typeof value === 'function' ? EMPTY_PATCH_SCHEMA : (value ?? EMPTY_PATCH_SCHEMA),
    });
  }
  return {
    name,
    field(field: string): FieldPatchMeta | undefined {
      const meta = metas.get(field);
      const thunk = thunks.get(field);
      if (!meta || !thunk) return meta;
      const resolved = { ...meta, schema: thunk() };
      metas.set(field, resolved);
      thunks.delete(field);
      return resolved;
    },
  };
}

/** A schema equal to `base` with `fields` added or overriding (e.g. a Deployment = TypeMeta + ObjectMeta + spec). */
export function extendPatchSchema(base: PatchSchema, name: string, fields: Readonly<Record<string, PatchFieldSpec>>): PatchSchema {
  const own = definePatchSchema(name, fields);
  return { name, field: (field) => own.field(field) ?? base.field(field) };
}

/**
 * Parses a `patchStrategy` tag (comma separated). Mirrors Go's extractRetainKeysPatchStrategy: at most two
 * strategies, and with two, one of them must be `retainKeys`.
 */
export function parsePatchStrategy(tag: string, where = 'patchStrategy'): { strategy?: PatchStrategy; retainKeys: boolean } {
  const parts = tag === '' ? [] : tag.split(',').map((s) => s.trim());
  const bad = (): never => {
    throw new PatchError('InvalidSchema', `unexpected patch strategy: [${parts.join(' ')}] (${where})`);
  };
  const retainKeys = parts.includes('retainKeys');
  const others = parts.filter((p) => p !== 'retainKeys');
  if (parts.length > 2 || others.length > 1 || (parts.length === 2 && !retainKeys)) bad();
  const other = others[0];
  if (other === undefined) return { retainKeys };
  if (other !== 'merge' && other !== 'replace') bad();
  return { strategy: other as PatchStrategy, retainKeys };
}
