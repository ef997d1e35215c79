/**
 * JSON forms of the messages that Go marshals specially: metav1.Time and MicroTime (RFC 3339 strings, `null` when
 * zero), intstr.IntOrString (number or string), resource.Quantity (its string), metav1.FieldsV1 (embedded raw JSON),
 * and string-list messages such as authorization/v1 ExtraValue (a JSON array).
 */
import { ProtobufDecodeError } from './errors.js';
import { textDecoder } from './wire.js';

/** Seconds of 0001-01-01T00:00:00Z, Go's zero time. */
const GO_ZERO_TIME_SECONDS = -62135596800;
/** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years Go's time.MarshalJSON accepts. */
const MIN_SECONDS = -62167219200;
const MAX_SECONDS = 253402300799;

function checkRange(seconds: number, offset: number): void {
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new ProtobufDecodeError(`timestamp ${seconds}s is outside the years 0000-9999`, offset);
  }
}

/** metav1.Time: empty message → null (zero time); otherwise whole seconds as `2006-01-02T15:04:05Z`. Nanos dropped. */
export function timeToJson(present: boolean, seconds: number, offset: number): string | null {
  if (!present || seconds === GO_ZERO_TIME_SECONDS) return null;
  checkRange(seconds, offset);
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** metav1.MicroTime: like Time but with exactly six fractional digits (nanos truncated to microseconds). */
export function microTimeToJson(present: boolean, seconds: number, nanos: number, offset: number): string | null {
  if (!present) return null;
  const s = seconds + Math.floor(nanos / 1e9);
  const micros = Math.floor((((nanos % 1e9) + 1e9) % 1e9) / 1000);
  if (s === GO_ZERO_TIME_SECONDS && micros === 0) return null;
  checkRange(s, offset);
  const base = new Date(s * 1000).toISOString().slice(0, 19);
  return `${base}.${String(micros).padStart(6, '0')}Z`;
}

/** intstr.IntOrString: type 0 → intVal, type 1 → strVal. */
export function intOrStringToJson(type: number, intVal: number, strVal: string, offset: number): number | string {
  if (type === 0) return intVal;
  if (type === 1) return strVal;
  throw new ProtobufDecodeError(`IntOrString has impossible type ${type}`, offset);
}

/** metav1.FieldsV1: the raw JSON it carries (null when empty). */
export function fieldsV1ToJson(raw: Uint8Array | undefined, offset: number): unknown {
  if (!raw || raw.length === 0) return null;
  try {
    return JSON.parse(textDecoder.decode(raw)) as unknown;
  } catch (err) {
    throw new ProtobufDecodeError(`fieldsV1 is not valid JSON: ${(err as Error).message}`, offset);
  }
}

/** Parses an RFC 3339 timestamp as Go's time.Parse(time.RFC3339) would; returns [seconds, nanos]. */
export function parseRfc3339(value: string): [number, number] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, sign, oh, om] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  let seconds = Math.floor(ms / 1000);
  // Date.UTC maps years 0-99 to 1900-1999; correct for them.
  if (Number(y) < 100) seconds = Math.floor(new Date(ms).setUTCFullYear(Number(y)) / 1000);
  if (sign) seconds -= (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60);
  const nanos = frac ? Number(frac.padEnd(9, '0')) : 0;
  return [seconds, nanos];
}
