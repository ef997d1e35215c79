import { describe, expect, it } from 'vitest';
import { ProtobufDecodeError } from './errors.js';
import { intOrStringToJson, microTimeToJson, parseRfc3339, timeToJson } from './special.js';

describe('metav1.Time and MicroTime JSON forms', () => {
  it('formats Time in UTC without fractions and Go zero time as null', () => {
    expect(timeToJson(true, 1714557600, 0)).toBe('2024-05-01T10:00:00Z');
    expect(timeToJson(true, -62135596800, 0)).toBeNull();
    expect(timeToJson(false, 1714557600, 0)).toBeNull();
    expect(timeToJson(true, -62167219200, 0)).toBe('0000-01-01T00:00:00Z');
  });

  it('formats MicroTime with six digits, truncating nanoseconds', () => {
    expect(microTimeToJson(true, 1714557600, 123456789, 0)).toBe('2024-05-01T10:00:00.123456Z');
    expect(microTimeToJson(true, 1714557600, 0, 0)).toBe('2024-05-01T10:00:00.000000Z');
    expect(microTimeToJson(true, 1714557600, 1_500_000_000, 0)).toBe('2024-05-01T10:00:01.500000Z');
    expect(microTimeToJson(false, 5, 5, 0)).toBeNull();
  });

  it('rejects times Go cannot marshal', () => {
    expect(() => timeToJson(true, 253402300800, 3)).toThrow(ProtobufDecodeError);
    expect(() => microTimeToJson(true, -62167219201, 0, 3)).toThrow(/outside the years/);
  });
});

describe('parseRfc3339', () => {
  it('parses UTC, offsets and fractions', () => {
    expect(parseRfc3339('2024-05-01T10:00:00Z')).toEqual([1714557600, 0]);
    expect(parseRfc3339('2024-05-01T12:00:00+02:00')).toEqual([1714557600, 0]);
    expect(parseRfc3339('2024-05-01T10:00:00.5Z')).toEqual([1714557600, 500000000]);
    expect(parseRfc3339('0050-01-01T00:00:00Z')?.[0]).toBe(Date.UTC(2050, 0, 1) / 1000 - 2000 * 365.2425 * 86400);
  });

  it('rejects non-RFC 3339 text', () => {
    expect(parseRfc3339('2024-05-01 10:00:00')).toBeUndefined();
    expect(parseRfc3339('yesterday')).toBeUndefined();
  });
});

describe('IntOrString', () => {
  it('picks the value by type', () => {
    expect(intOrStringToJson(0, 8080, '', 0)).toBe(8080);
    expect(intOrStringToJson(1, 0, '25%', 0)).toBe('25%');
    expect(() => intOrStringToJson(7, 0, '', 0)).toThrow(/impossible type 7/);
  });
});
