/** Helpers for defaulters: they read loosely typed JSON and fill absent fields in place. */
import { Quantity, QuantityParseError, parseQuantity } from '../../machinery/index.js';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `o[k]`, created empty when absent (like defaulting a Go struct field). Non-objects are left alone. */
export function ensureObj(o: Obj, k: string): Obj | undefined {
  if (o[k] === undefined || o[k] === null) o[k] = {};
  return isObj(o[k]) ? o[k] : undefined;
}

/** The object at `o[k]` if present. */
export const objAt = (o: Obj, k: string): Obj | undefined => (isObj(o[k]) ? o[k] : undefined);

/** Objects of the array at `o[k]` (skipping anything that is not an object). */
export const objsAt = (o: Obj, k: string): Obj[] => (Array.isArray(o[k]) ? (o[k] as unknown[]).filter(isObj) : []);

/** For each entry, sets `o[k] = value` when the field is absent or null (Go's nil pointer checks). */
export function defaultFields(o: Obj, defaults: Readonly<Obj>): void {
  for (const [k, value] of Object.entries(defaults)) if (o[k] === undefined || o[k] === null) o[k] = value;
}

/** For each entry, sets `o[k] = value` when the field is absent, null or '' (Go's `== ""` checks). */
export function defaultStrings(o: Obj, defaults: Readonly<Record<string, string>>): void {
  for (const [k, value] of Object.entries(defaults)) if (o[k] === undefined || o[k] === null || o[k] === '') o[k] = value;
}

/**
 * SetDefaults_ResourceList: every quantity rounded up to milli precision, written back in the form Kubernetes
 * serializes it (`0.5` → `"500m"`, `1024Mi` → `"1Gi"`). Malformed values are left for validation to report.
 */
export function defaultResourceList(list: unknown): void {
  if (!isObj(list)) return;
  for (const [name, raw] of Object.entries(list)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    let q: Quantity;
    try {
      q = parseQuantity(raw);
    } catch (err) {
      if (err instanceof QuantityParseError) continue;
      throw err;
    }
    if (q.scaledValue(-9) % 1_000_000n !== 0n) q = Quantity.fromScaled(q.scaledValue(-3), -3);
    list[name] = q.toString();
  }
}
