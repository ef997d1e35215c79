/**
 * The Swagger 2.0 document as the protobuf `openapi.v2.Document` of google/gnostic (OpenAPIv2.proto, proto3), the
 * body kube-apiserver sends for `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf` and what
 * kubectl decodes for client-side apply, validation and explain.
 *
 * Like gnostic's compiler, maps are written as repeated `Named*` pairs in key order, free-form values (vendor
 * extensions, `default`, `enum` members) as `Any{yaml}` holding the YAML text of the value, and proto3 defaults
 * (empty strings, false, empty lists) are omitted. Keys are written sorted, as kube-apiserver's JSON lists them.
 */
import { stringify } from 'yaml';
import { WireType, WireWriter } from '../protobuf/wire.js';
import type {
  SwaggerDocument,
  SwaggerMethod,
  SwaggerOperation,
  SwaggerParameter,
  SwaggerPathItem,
  SwaggerResponse,
  SwaggerSchema,
} from './types.js';

type Fill = (w: WireWriter) => void;

function message(w: WireWriter, field: number, fill: Fill): void {
  const sub = new WireWriter();
  fill(sub);
  w.tag(field, WireType.LengthDelimited).bytes(sub.finish());
}

function string(w: WireWriter, field: number, value: string | undefined): void {
  if (value) w.tag(field, WireType.LengthDelimited).string(value);
}

function strings(w: WireWriter, field: number, values: readonly string[] | undefined): void {
  for (const v of values ?? []) w.tag(field, WireType.LengthDelimited).string(v);
}

function bool(w: WireWriter, field: number, value: boolean | undefined): void {
  if (value) w.tag(field, WireType.Varint).varint(1);
}

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.keys(record)
    .sort()
    .map((k) => [k, record[k]!]);
}

/**
 * The YAML text gnostic stores in `Any.yaml`. Written with YAML 1.1 quoting, because kubectl parses it with
 * gopkg.in/yaml.v2 (a bare `on` or `y` would come back as a boolean there).
 */
export function anyYaml(value: unknown): string {
  return stringify(value, { version: '1.1', sortMapEntries: true, lineWidth: 0 });
}

/**
 * Writes the gnostic messages of one document. Remembers the YAML text of free-form values, since the same patch
 * strategies and GVKs occur hundreds of times.
 */
class GnosticWriter {
  readonly #yaml = new Map<string, string>();

  /** `Any` (value = 1, yaml = 2); only `yaml` is used, as gnostic does for values parsed from JSON. */
  any(w: WireWriter, field: number, value: unknown): void {
    const key = JSON.stringify(value);
    let text = this.#yaml.get(key);
    if (text === undefined) this.#yaml.set(key, (text = anyYaml(value)));
    message(w, field, (a) => string(a, 2, text));
  }

  /** `repeated NamedAny vendor_extension`: every `x-` key of `obj`, sorted. */
  vendorExtensions(w: WireWriter, field: number, obj: object): void {
    for (const [name, value] of sortedEntries(obj as Record<string, unknown>)) {
      if (!name.startsWith('x-') || value === undefined) continue;
      message(w, field, (n) => {
        string(n, 1, name);
        this.any(n, 2, value);
      });
    }
  }

  /**
   * `Schema`: _ref 1, format 2, description 4, default 5, required 19, enum 20, additional_properties 21, type 22,
   * items 23, properties 25, vendor_extension 31.
   */
  schema(w: WireWriter, s: SwaggerSchema): void {
    string(w, 1, s.$ref);
    string(w, 2, s.format);
    string(w, 4, s.description);
    if (s.default !== undefined) this.any(w, 5, s.default);
    strings(w, 19, s.required);
    for (const value of s.enum ?? []) this.any(w, 20, value);
    const additional = s.additionalProperties;
    if (additional !== undefined) {
      // AdditionalPropertiesItem: oneof { Schema schema = 1; bool boolean = 2; } (a oneof member is written even when false)
      message(w, 21, (a) => {
        if (typeof additional === 'boolean') a.tag(2, WireType.Varint).varint(additional ? 1 : 0);
        else message(a, 1, (sub) => this.schema(sub, additional));
      });
    }
    if (s.type) message(w, 22, (t) => strings(t, 1, [s.type!])); // TypeItem { repeated string value = 1; }
    const items = s.items;
    if (items) message(w, 23, (i) => message(i, 1, (sub) => this.schema(sub, items))); // ItemsItem { repeated Schema schema = 1; }
    const properties = s.properties;
    if (properties) message(w, 25, (p) => this.namedSchemas(p, 1, properties)); // Properties { repeated NamedSchema additional_properties = 1; }
    this.vendorExtensions(w, 31, s);
  }

  /** `repeated NamedSchema` (name 1, value 2). */
  namedSchemas(w: WireWriter, field: number, schemas: Readonly<Record<string, SwaggerSchema>>): void {
    for (const [name, value] of sortedEntries(schemas)) {
      message(w, field, (n) => {
        string(n, 1, name);
        message(n, 2, (v) => this.schema(v, value));
      });
    }
  }

  /**
   * `ParametersItem { Parameter parameter = 1; }` → `Parameter { BodyParameter body_parameter = 1; NonBodyParameter
   * non_body_parameter = 2; }` → `NonBodyParameter { QueryParameterSubSchema = 3; PathParameterSubSchema = 4; }`.
   */
  parameter(w: WireWriter, p: SwaggerParameter): void {
    message(w, 1, (param) => {
      if (p.in === 'body') {
        // BodyParameter: description 1, name 2, in 3, required 4, schema 5
        message(param, 1, (b) => {
          string(b, 1, p.description);
          string(b, 2, p.name);
          string(b, 3, p.in);
          bool(b, 4, p.required);
          message(b, 5, (s) => this.schema(s, p.schema));
        });
        return;
      }
      // QueryParameterSubSchema: required 1, in 2, description 3, name 4, type 6, unique_items 20;
      // PathParameterSubSchema: required 1, in 2, description 3, name 4, type 5, unique_items 19.
      const query = p.in === 'query';
      message(param, 2, (nb) =>
        message(nb, query ? 3 : 4, (q) => {
          bool(q, 1, p.required);
          string(q, 2, p.in);
          string(q, 3, p.description);
          string(q, 4, p.name);
          string(q, query ? 6 : 5, p.type);
          bool(q, query ? 20 : 19, p.uniqueItems);
        }),
      );
    });
  }

  /** `Responses { repeated NamedResponseValue response_code = 1; }`, each `ResponseValue { Response response = 1; }`. */
  responses(w: WireWriter, codes: Readonly<Record<string, SwaggerResponse>>): void {
    for (const [code, response] of sortedEntries(codes)) {
      message(w, 1, (named) => {
        string(named, 1, code);
        message(named, 2, (value) =>
          // Response: description 1, schema 2 (SchemaItem { Schema schema = 1; })
          message(value, 1, (r) => {
            string(r, 1, response.description);
            const body = response.schema;
            if (body) message(r, 2, (item) => message(item, 1, (s) => this.schema(s, body)));
          }),
        );
      });
    }
  }

  /**
   * `Operation`: tags 1, description 3, operation_id 5, produces 6, consumes 7, parameters 8, responses 9, schemes 10,
   * vendor_extension 13.
   */
  operation(w: WireWriter, op: SwaggerOperation): void {
    strings(w, 1, op.tags);
    string(w, 3, op.description);
    string(w, 5, op.operationId);
    strings(w, 6, op.produces);
    strings(w, 7, op.consumes);
    for (const p of op.parameters ?? []) message(w, 8, (item) => this.parameter(item, p));
    message(w, 9, (r) => this.responses(r, op.responses));
    strings(w, 10, op.schemes);
    this.vendorExtensions(w, 13, op);
  }

  /** `PathItem`: get 2, put 3, post 4, delete 5, patch 8, parameters 9. */
  pathItem(w: WireWriter, item: SwaggerPathItem): void {
    for (const [method, field] of METHOD_FIELDS) {
      const op = item[method];
      if (op) message(w, field, (o) => this.operation(o, op));
    }
    for (const p of item.parameters ?? []) message(w, 9, (i) => this.parameter(i, p));
  }
}

const METHOD_FIELDS: readonly (readonly [SwaggerMethod, number])[] = [
  ['get', 2],
  ['put', 3],
  ['post', 4],
  ['delete', 5],
  ['patch', 8],
];

/**
 * `doc` as gnostic `openapi.v2.Document` bytes: swagger 1, info 2, paths 8, definitions 9, security 12,
 * security_definitions 13. Deterministic: the same document always encodes to the same bytes.
 */
export function encodeOpenApiV2Protobuf(doc: SwaggerDocument): Uint8Array {
  const g = new GnosticWriter();
  const w = new WireWriter();
  string(w, 1, doc.swagger);
  message(w, 2, (info) => {
    string(info, 1, doc.info.title);
    string(info, 2, doc.info.version);
  });
  // Paths { repeated NamedPathItem path = 2; }
  message(w, 8, (paths) => {
    for (const [name, item] of sortedEntries(doc.paths)) {
      message(paths, 2, (named) => {
        string(named, 1, name);
        message(named, 2, (p) => g.pathItem(p, item));
      });
    }
  });
  message(w, 9, (defs) => g.namedSchemas(defs, 1, doc.definitions)); // Definitions { repeated NamedSchema additional_properties = 1; }
  // SecurityRequirement { repeated NamedStringArray additional_properties = 1; }, StringArray { repeated string value = 1; }
  for (const requirement of doc.security) {
    message(w, 12, (req) => {
      for (const [name, scopes] of sortedEntries(requirement)) {
        message(req, 1, (named) => {
          string(named, 1, name);
          message(named, 2, (arr) => strings(arr, 1, scopes));
        });
      }
    });
  }
  // SecurityDefinitions { repeated NamedSecurityDefinitionsItem additional_properties = 1; }
  // SecurityDefinitionsItem { ApiKeySecurity api_key_security = 2; }, ApiKeySecurity: type 1, name 2, in 3, description 4
  message(w, 13, (defs) => {
    for (const [name, scheme] of sortedEntries(doc.securityDefinitions)) {
      message(defs, 1, (named) => {
        string(named, 1, name);
        message(named, 2, (item) =>
          message(item, 2, (k) => {
            string(k, 1, scheme.type);
            string(k, 2, scheme.name);
            string(k, 3, scheme.in);
            string(k, 4, scheme.description);
          }),
        );
      });
    }
  });
  return w.finish();
}
