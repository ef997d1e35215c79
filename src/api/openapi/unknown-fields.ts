/**
 * Unknown-field detection for `fieldValidation=Strict|Warn`, with the paths kube-apiserver's strict JSON decoder
 * (sigs.k8s.io/json) reports: fields joined by `.`, list items as `[i]`, map values by their key, the top-level
 * field alone (`spec.template.spec.containers[0].imagee`, `metadata.labelz`, `foo`). A message reads
 * `unknown field "<path>"`.
 *
 * Guarantees: field names match case-sensitively (as Kubernetes decodes); nothing under a map (labels, annotations,
 * data, resources.requests) or under `x-kubernetes-preserve-unknown-fields` (managedFields[].fieldsV1) is reported
 * except through a map of typed values; paths come in document order, each once, at most 100 (the decoder's cap).
 * Type mismatches are not reported here (validation's job): a value of the wrong shape is not descended into.
 */
import type { GroupVersionKind } from '../meta.js';
import { SchemaNavigator } from './navigator.js';
import type { DefinitionTable, SchemaObject } from './schema.js';

/** kube-apiserver stops collecting strict decoding errors after this many. */
export const MAX_UNKNOWN_FIELDS = 100;

/** The shape server code depends on, so tests and other schema sources can stand in. */
export interface UnknownFieldFinder {
  /** Paths of the fields of `obj` the schema of `gvk` does not declare; [] when the kind has no schema. */
  unknownFields(gvk: GroupVersionKind, obj: unknown): string[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Finds unknown fields against a definition table (default: the built-in model). */
export class SchemaUnknownFieldFinder implements UnknownFieldFinder {
  readonly #nav: SchemaNavigator;

  constructor(deps: { definitions?: DefinitionTable } = {}) {
    this.#nav = new SchemaNavigator(deps.definitions);
  }

  /** Whether `gvk` has a schema (objects of other kinds are never reported as having unknown fields). */
  knows(gvk: GroupVersionKind): boolean {
    return this.#nav.rootFor(gvk) !== undefined;
  }

  unknownFields(gvk: GroupVersionKind, obj: unknown): string[] {
    const root = this.#nav.rootFor(gvk);
    if (!root) return [];
    const found = new Set<string>();
    this.#walk(root, obj, '', found);
    return [...found];
  }

  #walk(schemaIn: SchemaObject, value: unknown, path: string, found: Set<string>): void {
    if (found.size >= MAX_UNKNOWN_FIELDS) return;
    const schema = this.#nav.resolve(schemaIn);
    if (schema['x-kubernetes-preserve-unknown-fields']) return;
    if (Array.isArray(value)) {
      if (!schema.items) return;
      value.forEach((item, i) => this.#walk(schema.items!, item, `${path}[${i}]`, found));
      return;
    }
    if (!isPlainObject(value)) return;
    const join = (key: string) => (path ? `${path}.${key}` : key);
    if (schema.properties) {
      for (const [key, v] of Object.entries(value)) {
        const prop = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
        if (prop) this.#walk(prop, v, join(key), found);
        else if (found.size < MAX_UNKNOWN_FIELDS) found.add(join(key));
      }
      return;
    }
    const values = schema.additionalProperties;
    if (values && typeof values === 'object') {
      for (const [key, v] of Object.entries(value)) this.#walk(values, v, join(key), found);
    }
    // An object schema with neither properties nor additionalProperties is opaque: nothing to check inside.
  }
}

/** unknownFields over the built-in model (a shared finder; see SchemaUnknownFieldFinder to supply another model). */
export function unknownFields(gvk: GroupVersionKind, obj: unknown): string[] {
  defaultFinder ??= new SchemaUnknownFieldFinder();
  return defaultFinder.unknownFields(gvk, obj);
}
let defaultFinder: SchemaUnknownFieldFinder | undefined;

/** Kubernetes' message for one unknown field: `unknown field "spec.foo"`. */
export function unknownFieldMessage(path: string): string {
  return `unknown field ${JSON.stringify(path)}`;
}
