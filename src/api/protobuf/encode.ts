/**
 * JSON → protobuf encoding that writes what Go's generated marshallers write for the same object:
 *   - fields in ascending field-number order, map entries sorted by key;
 *   - Go value fields always (their zero value when absent from the JSON: `generateName: ""`, `paused: false`,
 *     `strategy: {}`, a zero `creationTimestamp` as an empty message); pointer fields only when set;
 *   - repeated scalars unpacked (proto2).
 * For objects kubectl produces, encode(decode(bytes)) reproduces kubectl's bytes exactly.
 * Values of the wrong JSON type throw ProtobufEncodeError with the field's path.
 */
import { ProtobufEncodeError } from './errors.js';
import type { FieldDescriptor, MessageDescriptor, ScalarType, Schema } from './schema.js';
import { parseRfc3339 } from './special.js';
import { WireType, WireWriter, textEncoder } from './wire.js';

type Json = Record<string, unknown>;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export class MessageEncoder {
  constructor(private readonly schema: Schema) {}

  /** Encodes a JSON value (object, or string/number for specials) as the given message. */
  encode(desc: MessageDescriptor, value: unknown, path = ''): Uint8Array {
    if (desc.special) return this.encodeSpecial(desc, value, path);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ProtobufEncodeError(`expected an object for ${desc.name}`, path);
    }
    const w = new WireWriter();
    for (const f of desc.wireOrder) this.writeField(w, f, value as Json, path);
    return w.finish();
  }

  private writeField(w: WireWriter, f: FieldDescriptor, obj: Json, path: string): void {
    const p = path ? `${path}.${f.json}` : f.json;
    if (f.inline) {
      w.tag(f.number, WireType.LengthDelimited).bytes(this.encode(this.schema.message(f.message!), obj, path));
      return;
    }
    const v = Object.hasOwn(obj, f.json) ? obj[f.json] : undefined;
    if (f.map) {
      if (v === undefined || v === null) return;
      if (typeof v !== 'object' || Array.isArray(v)) throw new ProtobufEncodeError('expected an object (map)', p);
      for (const key of Object.keys(v).sort()) {
        const entry = new WireWriter();
        entry.tag(1, WireType.LengthDelimited).string(key);
        this.writeValue(entry, 2, f, (v as Json)[key], `${p}[${JSON.stringify(key)}]`);
        w.tag(f.number, WireType.LengthDelimited).bytes(entry.finish());
      }
      return;
    }
    if (f.repeated) {
      if (v === undefined || v === null) return;
      if (!Array.isArray(v)) throw new ProtobufEncodeError('expected an array', p);
      v.forEach((item, i) => this.writeValue(w, f.number, f, item, `${p}[${i}]`));
      return;
    }
    if (v === undefined || v === null) {
      if (f.presence === 'pointer') return;
      // Go value field: always marshalled, as its zero value.
      this.writeValue(w, f.number, f, undefined, p);
      return;
    }
    this.writeValue(w, f.number, f, v, p);
  }

  /** Writes one value of field `f` under field number `no` (the field's own number, or 2 inside a map entry). */
  private writeValue(w: WireWriter, no: number, f: FieldDescriptor, v: unknown, path: string): void {
    if (f.message !== undefined) {
      const desc = this.schema.message(f.message);
      const value = v === undefined ? zeroMessageValue(desc) : v;
      w.tag(no, WireType.LengthDelimited).bytes(this.encode(desc, value, path));
      return;
    }
    writeScalar(w, no, f.scalar!, v, path);
  }

  private encodeSpecial(desc: MessageDescriptor, value: unknown, path: string): Uint8Array {
    const w = new WireWriter();
    switch (desc.special) {
      case 'Time':
      case 'MicroTime': {
        if (value === null || value === undefined) return w.finish(); // zero time: empty message
        const parsed = typeof value === 'string' ? parseRfc3339(value) : undefined;
        if (!parsed) throw new ProtobufEncodeError(`invalid RFC 3339 timestamp ${JSON.stringify(value)}`, path);
        const nanos = desc.special === 'Time' ? 0 : Math.floor(parsed[1] / 1000) * 1000;
        return w.tag(1, WireType.Varint).varint(BigInt(parsed[0])).tag(2, WireType.Varint).varint(nanos).finish();
      }
      case 'IntOrString':
        if (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) {
          w.tag(1, WireType.Varint).varint(0).tag(2, WireType.Varint).varint(BigInt(value));
          return w.tag(3, WireType.LengthDelimited).string('').finish();
        }
        if (typeof value === 'string') {
          w.tag(1, WireType.Varint).varint(1).tag(2, WireType.Varint).varint(0);
          return w.tag(3, WireType.LengthDelimited).string(value).finish();
        }
        throw new ProtobufEncodeError('expected an int32 or a string (IntOrString)', path);
      case 'Quantity':
        if (typeof value !== 'string' && typeof value !== 'number') {
          throw new ProtobufEncodeError('expected a quantity string', path);
        }
        return w.tag(1, WireType.LengthDelimited).string(String(value)).finish();
      case 'FieldsV1':
        if (value === null || value === undefined) return w.finish();
        return w.tag(1, WireType.LengthDelimited).bytes(textEncoder.encode(JSON.stringify(value))).finish();
      case 'StringList':
        if (value === null || value === undefined) return w.finish();
        if (!Array.isArray(value)) throw new ProtobufEncodeError('expected an array of strings', path);
        value.forEach((s, i) => writeScalar(w, 1, 'string', s, `${path}[${i}]`));
        return w.finish();
      default:
        throw new ProtobufEncodeError(`no encoding for special message ${desc.name}`, path);
    }
  }
}

/** The JSON value of an absent Go value struct. */
function zeroMessageValue(desc: MessageDescriptor): unknown {
  switch (desc.special) {
    case 'IntOrString':
      return 0;
    case 'Quantity':
      return '0';
    case undefined:
      return {};
    default:
      return null;
  }
}

function writeScalar(w: WireWriter, no: number, t: ScalarType, v: unknown, path: string): void {
  switch (t) {
    case 'string':
      if (v !== undefined && typeof v !== 'string') throw new ProtobufEncodeError('expected a string', path);
      w.tag(no, WireType.LengthDelimited).string(v ?? '');
      return;
    case 'bytes':
      if (v !== undefined && typeof v !== 'string') throw new ProtobufEncodeError('expected base64 bytes', path);
      w.tag(no, WireType.LengthDelimited).bytes(Buffer.from(v ?? '', 'base64'));
      return;
    case 'bool':
      if (v !== undefined && typeof v !== 'boolean') throw new ProtobufEncodeError('expected a boolean', path);
      w.tag(no, WireType.Varint).varint(v ? 1 : 0);
      return;
    case 'int32':
    case 'int64': {
      const n = v ?? 0;
      const ok = typeof n === 'number' && Number.isSafeInteger(n) && (t === 'int64' || (n >= INT32_MIN && n <= INT32_MAX));
      if (!ok) throw new ProtobufEncodeError(`expected an ${t}`, path);
      w.tag(no, WireType.Varint).varint(n < 0 ? BigInt(n) : n);
      return;
    }
  }
}
