/**
 * The Kubernetes protobuf envelope (`application/vnd.kubernetes.protobuf`): the 4-byte magic `k8s\0`, then a
 * runtime.Unknown message {1: TypeMeta{1: apiVersion, 2: kind}, 2: raw (the object's own protobuf),
 * 3: contentEncoding, 4: contentType}.
 */
import { MessageDecoder } from './decode.js';
import { MessageEncoder } from './encode.js';
import { ProtobufDecodeError, ProtobufEncodeError } from './errors.js';
import { k8sSchema, protobufMessageFor } from './kinds.js';
import { WireReader, WireType, WireWriter, textDecoder } from './wire.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = [0x6b, 0x38, 0x73, 0x00] as const;

export interface DecodedK8sProtobuf {
  apiVersion: string;
  kind: string;
  /** The object exactly as Kubernetes' JSON form would have it, `kind` and `apiVersion` first. */
  object: Record<string, unknown>;
}

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

const decoder = new MessageDecoder(k8sSchema);
const encoder = new MessageEncoder(k8sSchema);

/**
 * Decodes a protobuf request body into the JSON object Kubernetes' JSON form would be.
 * Throws ProtobufDecodeError (a 400 BadRequest ApiError) on a missing magic, a malformed envelope or object, an
 * unsupported content encoding, or a kind without a protobuf schema. Never throws anything else for any input.
 */
export function decodeK8sProtobuf(bytes: Uint8Array): DecodedK8sProtobuf {
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ProtobufDecodeError('body does not start with the Kubernetes protobuf magic "k8s\\x00"', 0);
  }
  const env = readEnvelope(bytes);
  if (env.contentEncoding !== '') {
    throw new ProtobufDecodeError(`unsupported contentEncoding ${JSON.stringify(env.contentEncoding)}`);
  }
  if (env.contentType !== '' && env.contentType !== PROTOBUF_MEDIA_TYPE) {
    throw new ProtobufDecodeError(`unsupported contentType ${JSON.stringify(env.contentType)}`);
  }
  if (env.kind === '' || env.apiVersion === '') {
    throw new ProtobufDecodeError('envelope has no apiVersion/kind');
  }
  const desc = protobufMessageFor(env.apiVersion, env.kind);
  if (!desc) {
    throw new ProtobufDecodeError(`no protobuf schema for ${env.apiVersion}, Kind=${env.kind}`);
  }
  const body = decoder.decode(desc, env.raw) as Record<string, unknown>;
  return { apiVersion: env.apiVersion, kind: env.kind, object: { kind: env.kind, apiVersion: env.apiVersion, ...body } };
}

/**
 * Encodes an object (with `apiVersion` and `kind`) as a Kubernetes protobuf body, byte-compatible with Go clients.
 * Throws ProtobufEncodeError when the kind has no schema or a value does not fit it.
 */
export function encodeK8sProtobuf(obj: { apiVersion?: unknown; kind?: unknown; [field: string]: unknown }): Uint8Array {
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    throw new ProtobufEncodeError('object needs string apiVersion and kind', '');
  }
  const desc = protobufMessageFor(apiVersion, kind);
  if (!desc) throw new ProtobufEncodeError(`no protobuf schema for ${apiVersion}, Kind=${kind}`, '');
  const raw = encoder.encode(desc, obj);
  const typeMeta = new WireWriter().tag(1, WireType.LengthDelimited).string(apiVersion);
  typeMeta.tag(2, WireType.LengthDelimited).string(kind);
  const unknown = new WireWriter()
    .tag(1, WireType.LengthDelimited)
    .bytes(typeMeta.finish())
    .tag(2, WireType.LengthDelimited)
    .bytes(raw)
    .tag(3, WireType.LengthDelimited)
    .string('')
    .tag(4, WireType.LengthDelimited)
    .string('')
    .finish();
  const out = new Uint8Array(MAGIC.length + unknown.length);
  out.set(MAGIC, 0);
  out.set(unknown, MAGIC.length);
  return out;
}

function readEnvelope(bytes: Uint8Array): Envelope {
  const env: Envelope = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  const r = new WireReader(bytes, MAGIC.length);
  while (!r.done()) {
    const tag = r.tag();
    if (tag.fieldNumber > 4) {
      r.skip(tag.wireType);
      continue;
    }
    if (tag.wireType !== WireType.LengthDelimited) {
      throw new ProtobufDecodeError(`runtime.Unknown field ${tag.fieldNumber} has wrong wire type ${tag.wireType}`, tag.offset);
    }
    const [start, end] = r.lengthDelimited();
    switch (tag.fieldNumber) {
      case 1:
        readTypeMeta(bytes, start, end, env);
        break;
      case 2:
        env.raw = bytes.subarray(start, end);
        break;
      case 3:
        env.contentEncoding = textDecoder.decode(bytes.subarray(start, end));
        break;
      default:
        env.contentType = textDecoder.decode(bytes.subarray(start, end));
    }
  }
  return env;
}

function readTypeMeta(bytes: Uint8Array, start: number, end: number, env: Envelope): void {
  const r = new WireReader(bytes, start, end);
  while (!r.done()) {
    const tag = r.tag();
    if (tag.fieldNumber > 2) {
      r.skip(tag.wireType);
      continue;
    }
    if (tag.wireType !== WireType.LengthDelimited) {
      throw new ProtobufDecodeError(`runtime.TypeMeta field ${tag.fieldNumber} has wrong wire type ${tag.wireType}`, tag.offset);
    }
    const [s, e] = r.lengthDelimited();
    const text = textDecoder.decode(bytes.subarray(s, e));
    if (tag.fieldNumber === 1) env.apiVersion = text;
    else env.kind = text;
  }
}
