/**
 * Protocol-buffers wire format, the subset Kubernetes uses (proto2 via gogo-protobuf): varints, 64-bit and 32-bit
 * fixed values, and length-delimited fields. Groups (wire types 3 and 4) are rejected.
 *
 * Guarantees: `WireReader` never reads outside `[start, end)`; every malformed input (truncated varint, varint longer
 * than 10 bytes, length past the end, unknown wire type, field number 0) throws `ProtobufDecodeError` carrying the
 * offending offset. Each read consumes at least one byte, so a loop over `!reader.done()` always terminates.
 */
import { ProtobufDecodeError } from './errors.js';

export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

/** Largest value a 7-byte varint can hold is 2^49 - 1, exactly representable as a double. */
const FAST_VARINT_BYTES = 7;
const TWO_POW_32 = 4294967296;

export interface Tag {
  fieldNumber: number;
  wireType: WireType;
  /** Offset of the tag's first byte, for error messages. */
  offset: number;
}

export class WireReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /**
   * Reads one varint. Values that fit in 7 bytes come back as a number (exact); longer ones as an unsigned 64-bit
   * bigint. Throws on truncation and on encodings longer than 10 bytes or wider than 64 bits.
   */
  varint(): number | bigint {
    const start = this.pos;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < FAST_VARINT_BYTES; i++) {
      const b = this.byteAt(start);
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    let big = BigInt(value);
    let shift = BigInt(7 * FAST_VARINT_BYTES);
    for (let i = FAST_VARINT_BYTES; i < 10; i++) {
      const b = this.byteAt(start);
      if (i === 9 && b > 1) throw new ProtobufDecodeError('varint overflows 64 bits', start);
      big |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return big;
      shift += 7n;
    }
    throw new ProtobufDecodeError('varint longer than 10 bytes', start);
  }

  tag(): Tag {
    const offset = this.pos;
    const v = this.varint();
    if (typeof v !== 'number' || v >= TWO_POW_32) throw new ProtobufDecodeError('field tag out of range', offset);
    const fieldNumber = Math.floor(v / 8);
    const wireType = v % 8;
    if (fieldNumber === 0) throw new ProtobufDecodeError('illegal field number 0', offset);
    if (wireType === WireType.StartGroup || wireType === WireType.EndGroup || wireType > WireType.Fixed32) {
      throw new ProtobufDecodeError(`unsupported wire type ${wireType} for field ${fieldNumber}`, offset);
    }
    return { fieldNumber, wireType: wireType as WireType, offset };
  }

  /** Reads a length prefix and returns the [start, end) window of the payload, advancing past it. */
  lengthDelimited(): [number, number] {
    const offset = this.pos;
    const len = this.varint();
    if (typeof len !== 'number' || len > this.end - this.pos) {
      throw new ProtobufDecodeError('length-delimited field runs past the end of its message', offset);
    }
    const start = this.pos;
    this.pos += len;
    return [start, this.pos];
  }

  bytes(): Uint8Array {
    const [start, end] = this.lengthDelimited();
    return this.buf.subarray(start, end);
  }

  fixed32(): number {
    const start = this.pos;
    if (this.end - this.pos < 4) throw new ProtobufDecodeError('truncated fixed32', start);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4);
    this.pos += 4;
    return view.getUint32(0, true);
  }

  fixed64(): bigint {
    const start = this.pos;
    if (this.end - this.pos < 8) throw new ProtobufDecodeError('truncated fixed64', start);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getBigUint64(0, true);
  }

  /** Skips the value of a field whose tag was just read. */
  skip(wireType: WireType): void {
    switch (wireType) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Fixed64:
        this.fixed64();
        return;
      case WireType.LengthDelimited:
        this.lengthDelimited();
        return;
      case WireType.Fixed32:
        this.fixed32();
        return;
      default:
        throw new ProtobufDecodeError(`cannot skip wire type ${wireType}`, this.pos);
    }
  }

  private byteAt(varintStart: number): number {
    if (this.pos >= this.end) throw new ProtobufDecodeError('truncated varint', varintStart);
    return this.buf[this.pos++]!;
  }
}

/** Low 32 bits of a varint, as a signed int32 (how proto decodes `int32`, including 10-byte negative encodings). */
export function toInt32(v: number | bigint): number {
  return typeof v === 'number' ? v | 0 : Number(BigInt.asIntN(32, v));
}

/** A varint as a signed int64; throws when the value cannot be represented exactly as a JSON number. */
export function toInt64(v: number | bigint, offset: number): number {
  if (typeof v === 'number') return v;
  const n = BigInt.asIntN(64, v);
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ProtobufDecodeError(`int64 value ${n} cannot be represented exactly in JSON`, offset);
  }
  return Number(n);
}

/** Append-only protobuf writer. `finish()` returns the bytes written so far. */
export class WireWriter {
  private buf = new Uint8Array(64);
  private len = 0;

  tag(fieldNumber: number, wireType: WireType): this {
    return this.varint(fieldNumber * 8 + wireType);
  }

  /** Writes a non-negative integer or a bigint (negative values are written as 64-bit two's complement). */
  varint(value: number | bigint): this {
    if (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER) {
      let v = value;
      while (v >= 0x80) {
        this.push((v % 128) | 0x80);
        v = Math.floor(v / 128);
      }
      return this.push(v);
    }
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    return this.push(Number(v));
  }

  /** Writes a length-prefixed byte string. */
  bytes(data: Uint8Array): this {
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  string(s: string): this {
    return this.bytes(textEncoder.encode(s));
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private push(byte: number): this {
    this.ensure(1);
    this.buf[this.len++] = byte;
    return this;
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

export const textEncoder = new TextEncoder();
/** Non-fatal UTF-8 decoding: invalid sequences become U+FFFD, as Go's JSON encoder renders invalid UTF-8. */
export const textDecoder = new TextDecoder('utf-8');
