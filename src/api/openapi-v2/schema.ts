/**
 * OpenAPI v3 schemas to Swagger 2.0 schemas, the way kube-openapi publishes the same Go types in both versions:
 * `#/components/schemas/X` becomes `#/definitions/X`, a one-element `allOf` wrapper becomes a plain `$ref` with its
 * siblings (description, patch strategy, ...), and a `oneOf` of scalars becomes the single type v2 can express
 * (`string` for IntOrString and Quantity, with the format kept).
 */
import { OpenApiError, refName, type DefinitionTable, type SchemaObject } from '../openapi/index.js';
import type { SwaggerSchema } from './types.js';

/** The `$ref` prefix of Swagger 2.0 definitions. */
export const DEFINITION_REF_PREFIX = '#/definitions/';

export function definitionRef(name: string): string {
  return DEFINITION_REF_PREFIX + name;
}

function v2Ref(v3Ref: string): string {
  const name = refName(v3Ref);
  if (name === undefined) throw new OpenApiError('DanglingReference', `unsupported reference ${v3Ref}`);
  return definitionRef(name);
}

/**
 * The single type a `oneOf` of scalar alternatives is published as in v2: `string` when any alternative is a string
 * (a string can carry every value of the others), otherwise the first alternative's type.
 */
function oneOfType(alternatives: readonly SchemaObject[]): SchemaObject['type'] {
  if (alternatives.some((a) => a.type === 'string')) return 'string';
  return alternatives.find((a) => a.type)?.type;
}

/**
 * The Swagger 2.0 form of one v3 schema (recursively). Guarantees: every property keeps its name, description and
 * `x-kubernetes-*` extensions; a reference never carries a `type` or `properties` (kubectl rejects both); an empty
 * `properties` object is dropped (kube-openapi never publishes one). Throws OpenApiError for an `allOf` that is not a
 * single reference, or a reference outside the definitions.
 */
export function toSwaggerSchema(schema: SchemaObject): SwaggerSchema {
  const { allOf, oneOf, $ref, items, additionalProperties, properties, ...rest } = schema;
  const out: SwaggerSchema = { ...rest };
  for (const key of ['x-kubernetes-group-version-kind', 'x-kubernetes-list-map-keys', 'required', 'enum'] as const) {
    const value = rest[key];
    if (value) (out as Record<string, unknown>)[key] = structuredClone(value);
  }
  if ($ref !== undefined) out.$ref = v2Ref($ref);
  if (allOf) {
    const only = allOf.length === 1 ? allOf[0] : undefined;
    if (!only?.$ref || Object.keys(only).length !== 1 || $ref !== undefined) {
      throw new OpenApiError('InvalidDefinition', `allOf other than a single reference cannot be published in OpenAPI v2`);
    }
    out.$ref = v2Ref(only.$ref);
  }
  if (oneOf && out.type === undefined) {
    const type = oneOfType(oneOf);
    if (type) out.type = type;
  }
  if (out.$ref !== undefined && (out.type !== undefined || properties)) {
    throw new OpenApiError('InvalidDefinition', `reference ${out.$ref} with its own type or properties`);
  }
  if (items) out.items = toSwaggerSchema(items);
  if (additionalProperties !== undefined) {
    out.additionalProperties = typeof additionalProperties === 'boolean' ? additionalProperties : toSwaggerSchema(additionalProperties);
  }
  if (properties && Object.keys(properties).length) {
    out.properties = {};
    for (const [name, property] of Object.entries(properties)) out.properties[name] = toSwaggerSchema(property);
  }
  return out;
}

/** Every definition of `table` in Swagger 2.0 form, sorted by name. */
export function swaggerDefinitions(table: DefinitionTable): Record<string, SwaggerSchema> {
  const out: Record<string, SwaggerSchema> = {};
  for (const name of Object.keys(table).sort()) out[name] = toSwaggerSchema(table[name]!);
  return out;
}

/**
 * The names of definitions referenced anywhere in `value` (`#/definitions/<name>`) that `definitions` lacks.
 * kubectl refuses the whole document when one reference dangles, so documents are checked before they are served.
 */
export function danglingReferences(value: unknown, definitions: Readonly<Record<string, unknown>>): string[] {
  const missing = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const item of v) visit(item);
    } else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key === '$ref' && typeof child === 'string') {
          const name = child.startsWith(DEFINITION_REF_PREFIX) ? child.slice(DEFINITION_REF_PREFIX.length) : undefined;
          if (name === undefined || !(name in definitions)) missing.add(name ?? child);
        } else visit(child);
      }
    }
  };
  visit(value);
  return [...missing].sort();
}
