import { describe, expect, it } from 'vitest';
import { compareGoStrings, goFloatV, goJson, goJsonString, goQuote, isPlainGoString, valueEquals } from './go-json.js';

describe('Go renderings', () => {
  it('marshals with sorted keys and HTML-safe strings', () => {
    expect(goJson({ b: 1, a: ['<x>', true, null], c: { z: 1.5, y: 'é' } })).toBe('{"a":["\\u003cx\\u003e",true,null],"b":1,"c":{"y":"é","z":1.5}}');
  });

  it('orders strings by code point like Go, not by UTF-16 unit', () => {
    expect(compareGoStrings('\uffff', '\u{1f600}')).toBe(-1);
    expect(compareGoStrings('a', 'b')).toBe(-1);
    expect(compareGoStrings('ab', 'a')).toBe(1);
  });

  it('prints floats as %v does', () => {
    expect(goFloatV(80)).toBe('80');
    expect(goFloatV(123456)).toBe('123456');
    expect(goFloatV(1000000)).toBe('1e+06');
    expect(goFloatV(1.5)).toBe('1.5');
    expect(goFloatV(0.00001)).toBe('1e-05');
  });

  it('quotes as %q does', () => {
    expect(goQuote('a"b\\c\n\u0001é')).toBe('"a\\"b\\\\c\\n\\x01é"');
  });

  it('compares values structurally, ignoring key order, distinguishing null', () => {
    expect(valueEquals({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(valueEquals({ a: null }, {})).toBe(false);
    expect(valueEquals([1, 2], [2, 1])).toBe(false);
  });

  it('copies plain ASCII unchanged and escapes everything else, with or without the HTML escapes', () => {
    expect(isPlainGoString('kube-controller-manager/v1.30 (linux)')).toBe(true);
    for (const c of ['"', '\\', '\n', '\u007f', 'é']) expect(isPlainGoString(`a${c}`)).toBe(false);
    expect(goJsonString('a<b&c>d')).toBe('"a\\u003cb\\u0026c\\u003ed"');
    expect(goJsonString('a<b&c>d', false)).toBe('"a<b&c>d"');
    expect(goJsonString('plain text')).toBe('"plain text"');
    expect(goQuote('plain <text>')).toBe('"plain <text>"');
  });

  it('prints integers below a million in full and larger ones as exponents', () => {
    expect([goFloatV(-999999), goFloatV(999999), goFloatV(-1000000), goFloatV(-0), goFloatV(7)]).toEqual(['-999999', '999999', '-1e+06', '-0', '7']);
  });
});
