/**
 * Fuzz-style robustness: truncated, bit-flipped and random bodies must either decode or throw ProtobufDecodeError —
 * never another exception type, never a hang. The generator is seeded, so failures reproduce.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeK8sProtobuf } from './envelope.js';
import { ProtobufDecodeError } from './errors.js';
import { protobufKinds } from './kinds.js';
import { WireReader, WireType, WireWriter } from './wire.js';

const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const fixtures = readdirSync(TESTDATA)
  .filter((f) => f.endsWith('.pb'))
  .sort()
  .map((f) => ({ name: f, pb: new Uint8Array(readFileSync(join(TESTDATA, f))) }));

/** mulberry32: a tiny deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Outcome = { ok: true; json: string } | { ok: false; error: unknown };

function attempt(body: Uint8Array): Outcome {
  try {
    return { ok: true, json: JSON.stringify(decodeK8sProtobuf(body).object) };
  } catch (error) {
    return { ok: false, error };
  }
}

function expectDecodesOrRejects(body: Uint8Array): Outcome {
  const out = attempt(body);
  if (!out.ok && !(out.error instanceof ProtobufDecodeError)) {
    throw new Error(`non-ProtobufDecodeError for ${Buffer.from(body).toString('hex')}: ${String(out.error)}`);
  }
  return out;
}

/** Offsets of the raw field inside a fixture: [tag start, end of payload]. */
function rawField(pb: Uint8Array): [number, number] {
  const r = new WireReader(pb, 4);
  for (;;) {
    const tag = r.tag();
    const [, end] = r.lengthDelimited();
    if (tag.fieldNumber === 2) return [tag.offset, end];
  }
}

describe('truncated bodies', () => {
  for (const f of fixtures) {
    it(`${f.name}: every truncation before the end of the object is rejected`, () => {
      const full = JSON.stringify(decodeK8sProtobuf(f.pb).object);
      const [rawTag, rawEnd] = rawField(f.pb);
      for (let cut = 0; cut < f.pb.length; cut++) {
        const out = expectDecodesOrRejects(f.pb.subarray(0, cut));
        if (cut < rawEnd && cut !== rawTag) {
          expect(out.ok, `cut at ${cut}`).toBe(false);
        } else if (out.ok && cut !== rawTag) {
          // Cut between the trailing contentEncoding/contentType fields: the object itself is intact.
          expect(out.json).toBe(full);
        }
      }
    });
  }
});

describe('bit-flipped bodies', () => {
  for (const f of fixtures) {
    it(`${f.name}: random byte flips decode or throw ProtobufDecodeError`, () => {
      const next = rng(0xc0ffee ^ f.pb.length);
      let rejected = 0;
      for (let i = 0; i < 400; i++) {
        const body = f.pb.slice();
        const flips = 1 + Math.floor(next() * 3);
        for (let k = 0; k < flips; k++) {
          const at = 4 + Math.floor(next() * (body.length - 4));
          body[at] = body[at]! ^ (1 + Math.floor(next() * 255));
        }
        if (!expectDecodesOrRejects(body).ok) rejected++;
      }
      expect(rejected).toBeGreaterThan(0);
    });
  }
});

describe('random bodies', () => {
  it('random bytes after the magic decode or throw ProtobufDecodeError', () => {
    const next = rng(42);
    for (let i = 0; i < 3000; i++) {
      const len = Math.floor(next() * 64);
      const body = new Uint8Array(4 + len);
      body.set([0x6b, 0x38, 0x73, 0x00]);
      for (let k = 4; k < body.length; k++) body[k] = Math.floor(next() * 256);
      expectDecodesOrRejects(body);
    }
  });

  it('random object bytes under every supported kind decode or throw ProtobufDecodeError', () => {
    const next = rng(7);
    for (const { apiVersion, kind } of protobufKinds()) {
      const tm = new WireWriter().tag(1, WireType.LengthDelimited).string(apiVersion);
      tm.tag(2, WireType.LengthDelimited).string(kind);
      for (let i = 0; i < 300; i++) {
        const raw = new Uint8Array(Math.floor(next() * 48));
        for (let k = 0; k < raw.length; k++) raw[k] = Math.floor(next() * 256);
        const w = new WireWriter().tag(1, WireType.LengthDelimited).bytes(tm.finish()).tag(2, WireType.LengthDelimited).bytes(raw);
        expectDecodesOrRejects(new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...w.finish()]));
      }
    }
  });
});
