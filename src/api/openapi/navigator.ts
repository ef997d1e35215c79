/**
 * Walking the schema model: the root schema of a kind (lists included) and `$ref` resolution.
 */
import type { GroupVersionKind } from '../meta.js';
import { builtinDefinitions } from './definitions/index.js';
import { OpenApiError, refName, schemaRef, type DefinitionTable, type SchemaObject } from './schema.js';
import { DefinitionIndex } from './served.js';

export class SchemaNavigator {
  readonly #definitions: DefinitionTable;
  readonly #index: DefinitionIndex;
  readonly #lists = new Map<string, SchemaObject>();

  constructor(definitions: DefinitionTable = builtinDefinitions()) {
    this.#definitions = definitions;
    this.#index = new DefinitionIndex(definitions);
  }

  /**
   * The schema of objects of `gvk`. A `<Kind>List` without its own definition is treated as a list of `<Kind>`
   * (`apiVersion`, `kind`, `metadata`, `items`), as every list kind is. Undefined when the kind is unknown.
   */
  rootFor(gvk: GroupVersionKind): SchemaObject | undefined {
    const direct = this.#index.schemaOf(gvk);
    if (direct) return direct;
    if (!gvk.kind.endsWith('List')) return undefined;
    const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
    const cached = this.#lists.get(key);
    if (cached) return cached;
    const item = this.#index.nameOf({ ...gvk, kind: gvk.kind.slice(0, -'List'.length) });
    if (!item) return undefined;
    const list: SchemaObject = {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { $ref: schemaRef('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta') },
        items: { type: 'array', items: { $ref: schemaRef(item) } },
      },
    };
    this.#lists.set(key, list);
    return list;
  }

  /**
   * Follows `$ref`s (and the one-element `allOf` wrapping a described reference) until a schema with content.
   * Throws OpenApiError('DanglingReference') on a missing target.
   */
  resolve(schema: SchemaObject): SchemaObject {
    let s = schema;
    for (let hops = 0; ; hops++) {
      if (hops > 32) throw new OpenApiError('DanglingReference', 'reference cycle');
      if (s.allOf?.length === 1 && !s.properties && !s.type) {
        s = s.allOf[0]!;
        continue;
      }
      if (!s.$ref) return s;
      const name = refName(s.$ref);
      const target = name === undefined ? undefined : this.#definitions[name];
      if (!target) throw new OpenApiError('DanglingReference', `cannot resolve ${s.$ref}`);
      s = target;
    }
  }
}
