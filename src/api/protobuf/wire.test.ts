import { describe, expect, it } from 'vitest';
import { ProtobufDecodeError } from './errors.js';
import { WireReader, WireType, WireWriter, toInt32, toInt64 } from './wire.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('WireReader.varint', () => {
  it('reads single- and multi-byte varints as numbers', () => {
    expect(new WireReader(bytes(0x00)).varint()).toBe(0);
    expect(new WireReader(bytes(0x96, 0x01)).varint()).toBe(150);
    expect(new WireReader(bytes(0x90, 0x3f)).varint()).toBe(8080);
  });

  it('reads 10-byte varints as unsigned 64-bit bigints', () => {
    const minusOne = bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
    expect(new WireReader(minusOne).varint()).toBe(2n ** 64n - 1n);
  });

  it('rejects a varint that overflows 64 bits or runs past 10 bytes', () => {
    const overflow = bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02);
    expect(() => new WireReader(overflow).varint()).toThrow(ProtobufDecodeError);
    const tooLong = bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
    expect(() => new WireReader(tooLong).varint()).toThrow(/overflows 64 bits/);
  });

  it('rejects a truncated varint and reports where it started', () => {
    const r = new WireReader(bytes(0x08, 0x96), 1);
    const err = (() => {
      try {
        r.varint();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ProtobufDecodeError);
    expect((err as ProtobufDecodeError).offset).toBe(1);
  });

  it('never reads beyond the end it was given', () => {
    const r = new WireReader(bytes(0x96, 0x01), 0, 1);
    expect(() => r.varint()).toThrow(/truncated varint/);
  });
});

describe('WireReader.tag', () => {
  it('splits field number and wire type', () => {
    expect(new WireReader(bytes(0x12)).tag()).toMatchObject({ fieldNumber: 2, wireType: WireType.LengthDelimited });
    expect(new WireReader(bytes(0xa2, 0x01)).tag()).toMatchObject({ fieldNumber: 20, wireType: 2 });
  });

  it('rejects field number 0, groups and undefined wire types', () => {
    expect(() => new WireReader(bytes(0x02)).tag()).toThrow(/field number 0/);
    expect(() => new WireReader(bytes(0x0b)).tag()).toThrow(/wire type 3/);
    expect(() => new WireReader(bytes(0x0c)).tag()).toThrow(/wire type 4/);
    expect(() => new WireReader(bytes(0x0e)).tag()).toThrow(/wire type 6/);
  });
});

describe('WireReader length-delimited and fixed values', () => {
  it('returns the payload window and advances past it', () => {
    const r = new WireReader(bytes(0x03, 0x61, 0x62, 0x63, 0x07));
    expect(r.lengthDelimited()).toEqual([1, 4]);
    expect(r.pos).toBe(4);
  });

  it('rejects a length running past the end', () => {
    expect(() => new WireReader(bytes(0x05, 0x61)).lengthDelimited()).toThrow(/past the end/);
  });

  it('reads little-endian fixed32 and fixed64 and rejects truncated ones', () => {
    expect(new WireReader(bytes(0x01, 0x02, 0x00, 0x00)).fixed32()).toBe(513);
    expect(new WireReader(bytes(1, 0, 0, 0, 0, 0, 0, 0x80)).fixed64()).toBe(2n ** 63n + 1n);
    expect(() => new WireReader(bytes(1, 2, 3)).fixed32()).toThrow(/truncated fixed32/);
    expect(() => new WireReader(bytes(1, 2, 3, 4, 5, 6, 7)).fixed64()).toThrow(/truncated fixed64/);
  });

  it('skips every supported wire type', () => {
    const r = new WireReader(bytes(0x96, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x01, 0x61, 9, 9, 9, 9));
    r.skip(WireType.Varint);
    r.skip(WireType.Fixed64);
    r.skip(WireType.LengthDelimited);
    r.skip(WireType.Fixed32);
    expect(r.done()).toBe(true);
  });
});

describe('integer conversions', () => {
  it('takes the low 32 bits of an int32 varint, sign included', () => {
    expect(toInt32(2n ** 64n - 5n)).toBe(-5);
    expect(toInt32(0xffffffff)).toBe(-1);
    expect(toInt32(42)).toBe(42);
  });

  it('reads int64 two-complement values and refuses ones JSON cannot hold exactly', () => {
    expect(toInt64(2n ** 64n - 3n, 0)).toBe(-3);
    expect(toInt64(2n ** 53n - 1n, 0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toInt64(2n ** 62n, 0)).toThrow(ProtobufDecodeError);
  });
});

describe('WireWriter', () => {
  it('writes varints, negative values as 10-byte two-complement', () => {
    expect([...new WireWriter().varint(8080).finish()]).toEqual([0x90, 0x3f]);
    expect(new WireWriter().varint(-1).finish().length).toBe(10);
    const r = new WireReader(new WireWriter().varint(-7n).finish());
    expect(toInt64(r.varint(), 0)).toBe(-7);
  });

  it('round-trips tags, strings and large buffers', () => {
    const long = 'x'.repeat(1000);
    const w = new WireWriter().tag(300, WireType.LengthDelimited).string(long);
    const r = new WireReader(w.finish());
    expect(r.tag()).toMatchObject({ fieldNumber: 300, wireType: 2 });
    expect(new TextDecoder().decode(r.bytes())).toBe(long);
    expect(r.done()).toBe(true);
  });
});
