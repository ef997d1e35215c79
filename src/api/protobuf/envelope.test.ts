import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isBadRequest } from '../../machinery/index.js';
import { decodeK8sProtobuf, encodeK8sProtobuf } from './envelope.js';
import { ProtobufDecodeError, ProtobufEncodeError } from './errors.js';
import { WireType, WireWriter } from './wire.js';

const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const fixtures = readdirSync(TESTDATA)
  .filter((f) => f.endsWith('.pb'))
  .sort()
  .map((f) => ({
    name: f,
    pb: new Uint8Array(readFileSync(join(TESTDATA, f))),
    json: readFileSync(join(TESTDATA, f.replace(/\.pb$/, '.json')), 'utf8').trim(),
  }));

/** Builds an envelope around arbitrary raw bytes. */
function envelope(apiVersion: string, kind: string, raw: Uint8Array, extra?: (w: WireWriter) => void): Uint8Array {
  const tm = new WireWriter().tag(1, WireType.LengthDelimited).string(apiVersion).tag(2, WireType.LengthDelimited).string(kind);
  const w = new WireWriter().tag(1, WireType.LengthDelimited).bytes(tm.finish()).tag(2, WireType.LengthDelimited).bytes(raw);
  extra?.(w);
  const body = w.finish();
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...body]);
}

describe('decodeK8sProtobuf on bodies captured from kubectl 1.32', () => {
  it('has the golden fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });

  for (const f of fixtures) {
    it(`${f.name} decodes to exactly the JSON kubectl would have sent (keys in order)`, () => {
      const decoded = decodeK8sProtobuf(f.pb);
      expect(JSON.stringify(decoded.object)).toBe(f.json);
      const expected = JSON.parse(f.json) as { apiVersion: string; kind: string };
      expect(decoded.apiVersion).toBe(expected.apiVersion);
      expect(decoded.kind).toBe(expected.kind);
    });

    it(`${f.name} re-encodes from that JSON to kubectl's exact bytes`, () => {
      expect(Buffer.from(encodeK8sProtobuf(JSON.parse(f.json) as Record<string, unknown>))).toEqual(Buffer.from(f.pb));
    });
  }

  it('keeps explicit pointer zeros and drops omitempty zeros (replicas: 0 vs generateName "")', () => {
    const f = fixtures.find((x) => x.name.startsWith('12-'))!;
    const obj = decodeK8sProtobuf(f.pb).object as {
      metadata: Record<string, unknown>;
      spec: { replicas: number; template: { spec: { containers: Record<string, unknown>[] } } };
    };
    expect(obj.spec.replicas).toBe(0);
    expect(obj.metadata).not.toHaveProperty('generateName');
    expect(obj.metadata.creationTimestamp).toBeNull();
    const container = obj.spec.template.spec.containers[0]!;
    expect(container).toEqual({ name: 'nginx', image: 'nginx', ports: [{ containerPort: 8080 }], resources: {} });
  });

  it('renders ConfigMap binaryData and Secret data as base64', () => {
    const cm = decodeK8sProtobuf(fixtures.find((x) => x.name.startsWith('09-'))!.pb).object;
    expect(cm.binaryData).toEqual({ blob: 'Op7dwIC5JegQFfYfWmfpXw==' });
    const secret = decodeK8sProtobuf(fixtures.find((x) => x.name.startsWith('08-'))!.pb).object;
    expect(secret.data).toEqual({ pw: Buffer.from('s3cr=t').toString('base64'), user: 'YWRtaW4=' });
  });
});

describe('decodeK8sProtobuf rejects bad envelopes with a 400 ProtobufDecodeError', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty body', new Uint8Array(0), /magic/],
    ['JSON sent with the protobuf content type', new TextEncoder().encode('{"kind":"Pod"}'), /magic/],
    ['a body of only the magic', new Uint8Array([0x6b, 0x38, 0x73, 0x00]), /no apiVersion\/kind/],
    ['an unknown kind', envelope('v1', 'Node', new Uint8Array(0)), /no protobuf schema for v1, Kind=Node/],
    ['an unknown group version', envelope('batch/v1', 'Job', new Uint8Array(0)), /batch\/v1, Kind=Job/],
    [
      'a gzip content encoding',
      envelope('v1', 'Namespace', new Uint8Array(0), (w) => w.tag(3, WireType.LengthDelimited).string('gzip')),
      /contentEncoding "gzip"/,
    ],
    [
      'a JSON content type inside the envelope',
      envelope('v1', 'Namespace', new Uint8Array(0), (w) => w.tag(4, WireType.LengthDelimited).string('application/json')),
      /contentType/,
    ],
    ['an envelope field with the wrong wire type', new Uint8Array([0x6b, 0x38, 0x73, 0x00, 0x10, 0x01]), /wrong wire type/],
    ['an object field with the wrong wire type', envelope('v1', 'Namespace', new Uint8Array([0x08, 0x01])), /metadata \(1\) has wrong wire type 0/],
  ];
  for (const [what, body, message] of cases) {
    it(`rejects ${what}`, () => {
      let caught: unknown;
      try {
        decodeK8sProtobuf(body);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ProtobufDecodeError);
      expect(isBadRequest(caught)).toBe(true);
      expect((caught as ProtobufDecodeError).toStatus().code).toBe(400);
      expect((caught as Error).message).toMatch(message);
    });
  }

  it('skips unknown envelope and object fields', () => {
    const fixed32 = new WireWriter().tag(99, WireType.Fixed32).finish();
    const fixed64 = new WireWriter().tag(98, WireType.Fixed64).finish();
    const rawBytes = new Uint8Array([...fixed32, 1, 2, 3, 4, ...fixed64, 1, 2, 3, 4, 5, 6, 7, 8]);
    const body = envelope('v1', 'Namespace', rawBytes, (w) => w.tag(7, WireType.Varint).varint(5));
    expect(decodeK8sProtobuf(body).object).toEqual({ kind: 'Namespace', apiVersion: 'v1' });
  });
});

describe('encodeK8sProtobuf', () => {
  it('refuses objects without a known kind', () => {
    expect(() => encodeK8sProtobuf({ apiVersion: 'v1', kind: 'Node' })).toThrow(ProtobufEncodeError);
    expect(() => encodeK8sProtobuf({ kind: 'Pod' })).toThrow(/apiVersion and kind/);
  });

  it('names the path of a value of the wrong type', () => {
    const bad = { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: '80' }] } };
    expect(() => encodeK8sProtobuf(bad)).toThrow(/spec\.ports\[0\]\.port: expected an int32/);
  });
});
