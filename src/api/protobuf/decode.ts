/**
 * Schema-driven protobuf → JSON decoding with Go's semantics, so the result equals what the Go API server would get by
 * unmarshalling the protobuf into its struct and marshalling that struct to JSON:
 *   - keys come out in Go struct order; map keys sorted;
 *   - `omitempty` value fields that are zero ("" / 0 / false) are dropped, pointer fields keep explicit zeros, fields
 *     without `omitempty` are always present (their zero value when absent);
 *   - message fields present on the wire are always rendered (`{}` when empty); a message field repeated on the wire
 *     is merged, as protobuf requires; for scalars the last occurrence wins;
 *   - unknown field numbers are skipped; wrong wire types, truncation and malformed values throw ProtobufDecodeError.
 * Not synthesised: Go value structs that are missing from the wire (a Go client always sends them).
 */
import { ProtobufDecodeError } from './errors.js';
import type { FieldDescriptor, MessageDescriptor, ScalarType, Schema } from './schema.js';
import { fieldsV1ToJson, intOrStringToJson, microTimeToJson, timeToJson } from './special.js';
import { WireReader, WireType, textDecoder, toInt32, toInt64 } from './wire.js';

/** Deeper nesting than any Kubernetes type needs; guards against pathological inputs. */
const MAX_DEPTH = 100;

/** A window of a buffer holding one encoded message. */
interface Chunk {
  buf: Uint8Array;
  start: number;
  end: number;
}

type Slot =
  | { kind: 'scalar'; value: unknown }
  | { kind: 'list'; values: unknown[] }
  | { kind: 'message'; chunks: Chunk[] }
  | { kind: 'map'; entries: Map<string, unknown> };

type Slots = Map<FieldDescriptor, Slot>;

export class MessageDecoder {
  constructor(private readonly schema: Schema) {}

  /** Decodes one message (given by its descriptor) to its JSON value (an object, or a string/number for specials). */
  decode(desc: MessageDescriptor, buf: Uint8Array): unknown {
    return this.messageToJson(desc, { buf, start: 0, end: buf.length }, 0);
  }

  private messageToJson(desc: MessageDescriptor, chunk: Chunk, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new ProtobufDecodeError('message nesting too deep', chunk.start);
    const slots = this.read(desc, chunk, depth);
    if (desc.special) return this.specialToJson(desc, slots, chunk);
    const out: Record<string, unknown> = {};
    this.render(desc, slots, out, depth);
    return out;
  }

  private read(desc: MessageDescriptor, chunk: Chunk, depth: number): Slots {
    const slots: Slots = new Map();
    const r = new WireReader(chunk.buf, chunk.start, chunk.end);
    while (!r.done()) {
      const tag = r.tag();
      const f = desc.byNumber.get(tag.fieldNumber);
      if (!f) {
        r.skip(tag.wireType);
        continue;
      }
      if (f.map) {
        const [start, end] = this.expectLength(r, f, tag.wireType, tag.offset);
        const [key, value] = this.readMapEntry(f, { buf: chunk.buf, start, end }, depth);
        let slot = slots.get(f);
        if (slot?.kind !== 'map') slots.set(f, (slot = { kind: 'map', entries: new Map() }));
        slot.entries.set(key, value);
      } else if (f.message !== undefined) {
        const [start, end] = this.expectLength(r, f, tag.wireType, tag.offset);
        const sub: Chunk = { buf: chunk.buf, start, end };
        if (f.repeated) {
          const msg = this.schema.message(f.message);
          this.list(slots, f).push(this.messageToJson(msg, sub, depth + 1));
        } else {
          const slot = slots.get(f);
          if (slot?.kind === 'message') slot.chunks.push(sub);
          else slots.set(f, { kind: 'message', chunks: [sub] });
        }
      } else if (f.repeated) {
        const list = this.list(slots, f);
        if (tag.wireType === WireType.LengthDelimited && isVarintType(f.scalar!)) {
          const [start, end] = r.lengthDelimited();
          const packed = new WireReader(chunk.buf, start, end);
          while (!packed.done()) list.push(readScalar(packed, f, WireType.Varint, packed.pos));
        } else {
          list.push(readScalar(r, f, tag.wireType, tag.offset));
        }
      } else {
        slots.set(f, { kind: 'scalar', value: readScalar(r, f, tag.wireType, tag.offset) });
      }
    }
    return slots;
  }

  private render(desc: MessageDescriptor, slots: Slots, out: Record<string, unknown>, depth: number): void {
    for (const f of desc.fields) {
      const slot = slots.get(f);
      if (f.inline) {
        const sub = this.schema.message(f.message!);
        const chunk = slot?.kind === 'message' ? merged(slot.chunks) : { buf: new Uint8Array(0), start: 0, end: 0 };
        this.render(sub, this.read(sub, chunk, depth + 1), out, depth + 1);
        continue;
      }
      if (!slot) {
        if (f.presence === 'required' && f.scalar && !f.repeated && !f.map) out[f.json] = zeroJson(f.scalar);
        continue;
      }
      switch (slot.kind) {
        case 'scalar':
          if (f.presence === 'omitempty' && isZero(slot.value)) break;
          out[f.json] = scalarJson(slot.value);
          break;
        case 'list':
          out[f.json] = f.scalar ? slot.values.map(scalarJson) : slot.values;
          break;
        case 'map': {
          const keys = [...slot.entries.keys()].sort();
          out[f.json] = Object.fromEntries(keys.map((k) => [k, slot.entries.get(k)]));
          break;
        }
        case 'message':
          out[f.json] = this.messageToJson(this.schema.message(f.message!), merged(slot.chunks), depth + 1);
          break;
      }
    }
  }

  private specialToJson(desc: MessageDescriptor, slots: Slots, chunk: Chunk): unknown {
    const get = (json: string): unknown => {
      const f = desc.fields.find((x) => x.json === json)!;
      const slot = slots.get(f);
      if (!slot) return undefined;
      return slot.kind === 'scalar' ? slot.value : slot.kind === 'list' ? slot.values : undefined;
    };
    const present = chunk.end > chunk.start;
    const num = (json: string) => (get(json) as number | undefined) ?? 0;
    switch (desc.special) {
      case 'Time':
        return timeToJson(present, num('seconds'), chunk.start);
      case 'MicroTime':
        return microTimeToJson(present, num('seconds'), num('nanos'), chunk.start);
      case 'IntOrString':
        return intOrStringToJson(num('type'), num('intVal'), (get('strVal') as string | undefined) ?? '', chunk.start);
      case 'Quantity':
        return (get('string') as string | undefined) ?? '0';
      case 'FieldsV1':
        return fieldsV1ToJson(get('Raw') as Uint8Array | undefined, chunk.start);
      case 'StringList':
        return (get('items') as string[] | undefined) ?? null;
      default:
        throw new ProtobufDecodeError(`no JSON form for special message ${desc.name}`, chunk.start);
    }
  }

  private readMapEntry(f: FieldDescriptor, entry: Chunk, depth: number): [string, unknown] {
    let key = '';
    let value: unknown;
    let valueChunks: Chunk[] | undefined;
    const r = new WireReader(entry.buf, entry.start, entry.end);
    while (!r.done()) {
      const tag = r.tag();
      if (tag.fieldNumber === 1) {
        if (tag.wireType !== WireType.LengthDelimited) throw wrongWireType(f, tag.wireType, tag.offset);
        const [s, e] = r.lengthDelimited();
        key = textDecoder.decode(entry.buf.subarray(s, e));
      } else if (tag.fieldNumber === 2) {
        if (f.message !== undefined) {
          const [s, e] = this.expectLength(r, f, tag.wireType, tag.offset);
          (valueChunks ??= []).push({ buf: entry.buf, start: s, end: e });
        } else {
          value = readScalar(r, f, tag.wireType, tag.offset);
        }
      } else {
        r.skip(tag.wireType);
      }
    }
    if (f.message !== undefined) {
      const msg = this.schema.message(f.message);
      const chunk = valueChunks ? merged(valueChunks) : { buf: new Uint8Array(0), start: 0, end: 0 };
      return [key, this.messageToJson(msg, chunk, depth + 1)];
    }
    return [key, value === undefined ? zeroJson(f.scalar!) : scalarJson(value)];
  }

  private expectLength(r: WireReader, f: FieldDescriptor, wireType: WireType, offset: number): [number, number] {
    if (wireType !== WireType.LengthDelimited) throw wrongWireType(f, wireType, offset);
    return r.lengthDelimited();
  }

  private list(slots: Slots, f: FieldDescriptor): unknown[] {
    const slot = slots.get(f);
    if (slot?.kind === 'list') return slot.values;
    const values: unknown[] = [];
    slots.set(f, { kind: 'list', values });
    return values;
  }
}

function isVarintType(t: ScalarType): boolean {
  return t === 'int32' || t === 'int64' || t === 'bool';
}

function wrongWireType(f: FieldDescriptor, got: number, offset: number): ProtobufDecodeError {
  return new ProtobufDecodeError(`field ${f.json} (${f.number}) has wrong wire type ${got}`, offset);
}

function readScalar(r: WireReader, f: FieldDescriptor, wireType: WireType, offset: number): unknown {
  const t = f.scalar!;
  if (isVarintType(t)) {
    if (wireType !== WireType.Varint) throw wrongWireType(f, wireType, offset);
    const v = r.varint();
    if (t === 'bool') return v !== 0;
    return t === 'int32' ? toInt32(v) : toInt64(v, offset);
  }
  if (wireType !== WireType.LengthDelimited) throw wrongWireType(f, wireType, offset);
  const [start, end] = r.lengthDelimited();
  return t === 'string' ? textDecoder.decode(r.buf.subarray(start, end)) : r.buf.slice(start, end);
}

function merged(chunks: Chunk[]): Chunk {
  if (chunks.length === 1) return chunks[0]!;
  const total = chunks.reduce((n, c) => n + (c.end - c.start), 0);
  const buf = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    buf.set(c.buf.subarray(c.start, c.end), at);
    at += c.end - c.start;
  }
  return { buf, start: 0, end: total };
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || (v instanceof Uint8Array && v.length === 0);
}

function scalarJson(v: unknown): unknown {
  return v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.length).toString('base64') : v;
}

function zeroJson(t: ScalarType): unknown {
  switch (t) {
    case 'string':
    case 'bytes':
      return '';
    case 'bool':
      return false;
    default:
      return 0;
  }
}
