/**
 * The encoder checked with a small gnostic reader written here from OpenAPIv2.proto: the bytes decode field by field
 * back to the JSON document (every definition exactly), so kubectl's proto.Unmarshal sees the same model.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinRegistry } from '../registry/index.js';
import { WireReader, WireType, textDecoder } from '../protobuf/wire.js';
import { openApiV2Document } from './document.js';
import { anyYaml, encodeOpenApiV2Protobuf } from './protobuf.js';
import type { SwaggerDocument, SwaggerSchema } from './types.js';

interface Field {
  n: number;
  bytes: Uint8Array;
  varint: number;
}

function fields(buf: Uint8Array): Field[] {
  const r = new WireReader(buf);
  const out: Field[] = [];
  while (!r.done()) {
    const tag = r.tag();
    if (tag.wireType === WireType.LengthDelimited) out.push({ n: tag.fieldNumber, bytes: r.bytes(), varint: 0 });
    else if (tag.wireType === WireType.Varint) out.push({ n: tag.fieldNumber, bytes: new Uint8Array(), varint: Number(r.varint()) });
    else throw new Error(`unexpected wire type ${tag.wireType} for field ${tag.fieldNumber}`);
  }
  return out;
}

const all = (fs: Field[], n: number) => fs.filter((f) => f.n === n);
const one = (fs: Field[], n: number) => all(fs, n).at(-1);
const str = (fs: Field[], n: number) => {
  const f = one(fs, n);
  return f ? textDecoder.decode(f.bytes) : undefined;
};
/** `Any { string yaml = 2; }` → the value. */
const anyValue = (bytes: Uint8Array): unknown => parse(str(fields(bytes), 2) ?? '');

/** `repeated NamedX` (name 1, value 2) → entries. */
function named(fs: Field[], n: number): [string, Uint8Array][] {
  return all(fs, n).map((f) => {
    const pair = fields(f.bytes);
    return [str(pair, 1) ?? '', one(pair, 2)?.bytes ?? new Uint8Array()];
  });
}

function decodeSchema(bytes: Uint8Array): SwaggerSchema {
  const fs = fields(bytes);
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => value !== undefined && (out[key] = value);
  set('$ref', str(fs, 1));
  set('format', str(fs, 2));
  set('description', str(fs, 4));
  const def = one(fs, 5);
  if (def) out.default = anyValue(def.bytes);
  if (all(fs, 19).length) out.required = all(fs, 19).map((f) => textDecoder.decode(f.bytes));
  if (all(fs, 20).length) out.enum = all(fs, 20).map((f) => anyValue(f.bytes));
  const additional = one(fs, 21);
  if (additional) {
    const choice = fields(additional.bytes);
    out.additionalProperties = one(choice, 1) ? decodeSchema(one(choice, 1)!.bytes) : one(choice, 2)!.varint === 1;
  }
  const type = one(fs, 22);
  if (type) out.type = str(fields(type.bytes), 1);
  const items = one(fs, 23);
  if (items) out.items = decodeSchema(one(fields(items.bytes), 1)!.bytes);
  const props = one(fs, 25);
  if (props) out.properties = Object.fromEntries(named(fields(props.bytes), 1).map(([k, v]) => [k, decodeSchema(v)]));
  for (const [k, v] of named(fs, 31)) out[k] = anyValue(v);
  return out as SwaggerSchema;
}

const doc = openApiV2Document(builtinRegistry());
const bytes = encodeOpenApiV2Protobuf(doc);
const top = fields(bytes);

describe('encodeOpenApiV2Protobuf', () => {
  it('writes the top-level Document fields: swagger, info, paths, definitions', () => {
    expect(str(top, 1)).toBe('2.0');
    const info = fields(one(top, 2)!.bytes);
    expect([str(info, 1), str(info, 2)]).toEqual(['Kubernetes', 'v1.32.0']);
    expect(named(fields(one(top, 8)!.bytes), 2).map(([k]) => k)).toEqual(Object.keys(doc.paths).sort());
    expect(named(fields(one(top, 9)!.bytes), 1)).toHaveLength(Object.keys(doc.definitions).length);
  });

  it('round-trips every definition: properties, types, references, descriptions and vendor extensions', () => {
    const decoded = Object.fromEntries(named(fields(one(top, 9)!.bytes), 1).map(([k, v]) => [k, decodeSchema(v)]));
    expect(decoded).toEqual(JSON.parse(JSON.stringify(doc.definitions)));
    expect(decoded['io.k8s.api.core.v1.PodSpec']!.properties!.containers!['x-kubernetes-patch-merge-key']).toBe('name');
    expect(decoded['io.k8s.api.apps.v1.Deployment']!['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
  });

  it('writes operations with their id, GVK extension and inline query parameters', () => {
    const pathItem = named(fields(one(top, 8)!.bytes), 2).find(([k]) => k === '/apis/apps/v1/namespaces/{namespace}/deployments/{name}')![1];
    const patch = fields(one(fields(pathItem), 8)!.bytes);
    expect(str(patch, 5)).toBe('patchAppsV1NamespacedDeployment');
    const ext = Object.fromEntries(named(patch, 13).map(([k, v]) => [k, anyValue(v)]));
    expect(ext).toEqual({ 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': { group: 'apps', kind: 'Deployment', version: 'v1' } });
    const queryNames = all(patch, 8)
      .map((item) => one(fields(item.bytes), 1)!.bytes) // ParametersItem.parameter
      .map((param) => one(fields(param), 2)) // Parameter.non_body_parameter
      .filter((nb) => nb !== undefined)
      .map((nb) => str(fields(one(fields(nb.bytes), 3)!.bytes), 4)); // NonBodyParameter.query_parameter_sub_schema.name
    expect(queryNames).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    const pathParams = all(fields(pathItem), 9).map((item) => fields(one(fields(one(fields(item.bytes), 1)!.bytes), 2)!.bytes));
    expect(pathParams.filter((nb) => one(nb, 4)).map((nb) => str(fields(one(nb, 4)!.bytes), 4))).toEqual(['name', 'namespace']);
  });

  it('writes additionalProperties: false as an explicit oneof member', () => {
    const tiny: SwaggerDocument = {
      swagger: '2.0',
      info: { title: 't', version: 'v' },
      paths: {},
      definitions: { 'x.Closed': { type: 'object', additionalProperties: false } },
      securityDefinitions: {},
      security: [],
    };
    const def = named(fields(one(fields(encodeOpenApiV2Protobuf(tiny)), 9)!.bytes), 1)[0]![1];
    expect(decodeSchema(def)).toEqual({ type: 'object', additionalProperties: false });
  });

  it('is deterministic', () => {
    const again = encodeOpenApiV2Protobuf(openApiV2Document(builtinRegistry()));
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('anyYaml', () => {
  it('quotes strings YAML 1.1 would read as booleans, since kubectl parses with yaml.v2', () => {
    expect(anyYaml('on')).toBe('"on"\n');
    expect(anyYaml('merge')).toBe('merge\n');
    expect(anyYaml([{ version: 'v1', kind: 'Pod', group: '' }])).toBe('- group: ""\n  kind: Pod\n  version: v1\n');
  });
});
