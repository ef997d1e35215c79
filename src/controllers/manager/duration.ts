/**
 * Go duration strings, as kube-controller-manager's duration flags take them (`--node-monitor-grace-period 40s`):
 * Go's time.ParseDuration grammar — an optional sign, then one or more `<decimal><unit>` parts (`1h30m`, `1.5s`,
 * `.5s`, `300ms`), units ns, us (µs, μs), ms, s, m, h; the bare string `0` needs no unit. Nothing else is accepted:
 * no spaces, no missing or unknown units, no empty string. Error messages are Go's.
 */
import { ControllerError } from '../shared/errors.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3, // U+00B5 micro sign
  'μs': 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's limit: a time.Duration is an int64 count of nanoseconds. */
const MAX_MS = Number(2n ** 63n - 1n) / 1e6;

/** One `<decimal><unit>` part: digits, an optional fraction, then everything up to the next digit or dot. */
const PART = /^(\d*)(?:\.(\d*))?([^\d.]*)/;

/**
 * parseGoDuration: the duration in milliseconds (fractional below 1 ms). Throws ControllerError 'InvalidValue' with
 * Go's message (`time: invalid duration "x"`, `time: missing unit in duration "5"`, `time: unknown unit "d" in
 * duration "1d"`) for anything time.ParseDuration rejects.
 */
export function parseGoDuration(text: string): number {
  const quoted = JSON.stringify(text);
  const invalid = () => new ControllerError('InvalidValue', `time: invalid duration ${quoted}`);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0;
  while (s !== '') {
    const m = PART.exec(s)!;
    const [whole, int = '', frac, unit = ''] = m;
    if (int === '' && !frac) throw invalid();
    if (unit === '') throw new ControllerError('InvalidValue', `time: missing unit in duration ${quoted}`);
    const perUnit = UNIT_MS[unit];
    if (perUnit === undefined) throw new ControllerError('InvalidValue', `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    total += Number(`${int || '0'}.${frac || '0'}`) * perUnit;
    if (total > MAX_MS) throw invalid();
    s = s.slice(whole.length);
  }
  return sign * total;
}
