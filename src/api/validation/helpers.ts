/**
 * Small building blocks shared by the validators: Kubernetes' field.Path spelling, the error constructors with
 * Kubernetes 1.32 value rendering, and defensive readers for JSON input that may not match its declared type.
 */
import { deepEqual, type FieldError, fieldErrors } from '../../machinery/index.js';
import { GoRenderedFieldError, goLabelSelector, goStringMap, goStringSlice } from './go-values.js';

export type Errs = FieldError[];

/** field.Path.Child: `a.b`; a child of the root is the bare name. */
export const child = (path: string, ...names: string[]): string => names.reduce((p, n) => (p ? `${p}.${n}` : n), path);
/** field.Path.Index: `a[3]`. */
export const index = (path: string, i: number): string => `${path}[${i}]`;
/** field.Path.Key: `a[key]` (unquoted, as Kubernetes prints it). */
export const key = (path: string, k: string): string => `${path}[${k}]`;

/** How a non-scalar bad value should print (Go's %#v shapes Kubernetes 1.32 shows). */
export type GoShape = 'stringMap' | 'stringSlice' | 'labelSelector';

/** A bad value tagged with the Go type Kubernetes would print it as. */
export class GoValue {
  constructor(
    readonly value: unknown,
    readonly shape: GoShape,
  ) {}
}

/** Tags `value` so error constructors print it as Go's %#v of `shape`. */
export const asGo = (value: unknown, shape: GoShape): GoValue => new GoValue(value, shape);

const unwrap = (v: unknown): unknown => (v instanceof GoValue ? v.value : v);

/**
 * field.Invalid. Scalars render as machinery renders them (`"x"`, `-1`); a GoValue renders as Go's `%#v`; other
 * objects render as JSON.
 */
export function invalid(path: string, value: unknown, detail: string): FieldError {
  if (value instanceof GoValue) {
    return new GoRenderedFieldError({ type: 'FieldValueInvalid', field: path, badValue: value.value, detail, renderedValue: render(value) });
  }
  // Kubernetes 1.32 turns a nil value into the string "null" before quoting it.
  if (value === null || value === undefined) {
    return new GoRenderedFieldError({ type: 'FieldValueInvalid', field: path, badValue: value, detail, renderedValue: '"null"' });
  }
  return fieldErrors.invalid(path, value, detail);
}

/** field.Duplicate. */
export function duplicate(path: string, value: unknown): FieldError {
  if (value instanceof GoValue) {
    return new GoRenderedFieldError({ type: 'FieldValueDuplicate', field: path, badValue: value.value, detail: '', renderedValue: render(value) });
  }
  return fieldErrors.duplicate(path, value);
}

function render({ value, shape }: GoValue): string {
  switch (shape) {
    case 'stringMap':
      return goStringMap(isRecord(value) ? value : undefined);
    case 'stringSlice':
      return goStringSlice(Array.isArray(value) ? value : undefined);
    case 'labelSelector':
      return goLabelSelector(isRecord(value) ? value : undefined);
  }
}

export const required = fieldErrors.required;
export const forbidden = fieldErrors.forbidden;
export const notSupported = fieldErrors.notSupported;
export const notFound = fieldErrors.notFound;
export const tooLong = fieldErrors.tooLong;
export const tooMany = fieldErrors.tooMany;

/** Kubernetes' IsNegativeErrorMsg. */
export const IS_NEGATIVE = 'must be greater than or equal to 0';
/** Kubernetes' FieldImmutableErrorMsg. */
export const FIELD_IMMUTABLE = 'field is immutable';

/** ValidateNonnegativeField. Absent values are not checked. */
export function nonNegative(value: unknown, path: string): Errs {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, IS_NEGATIVE)] : [];
}

/** InclusiveRangeError. */
export const inclusiveRange = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/** IsValidPortNum messages. */
export function portNumErrors(port: unknown): string[] {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRange(1, 65535)];
}

/**
 * apiequality.Semantic.DeepEqual on JSON: absent, null, empty lists and empty maps compare equal (Kubernetes treats
 * nil and empty as equal); everything else structurally.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return deepEqual(prune(a), prune(b));
}

function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(prune) : undefined;
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    let any = false;
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) {
        out[k] = p;
        any = true;
      }
    }
    return any ? out : undefined;
  }
  return v === null ? undefined : v;
}

/** ValidateImmutableField. `newValue` may be a GoValue to control how it prints. */
export function immutable(newValue: unknown, oldValue: unknown, path: string): Errs {
  return semanticEqual(unwrap(newValue), unwrap(oldValue)) ? [] : [invalid(path, newValue, FIELD_IMMUTABLE)];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value if it is a string, else ''. Go's zero value for a string field. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** The value if it is an array, else []. */
export const arr = <T = unknown>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
/** The value if it is a plain object, else {}. */
export const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
/** The value if it is a number, else undefined. */
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Messages → field.Invalid errors at `path` for `value`. */
export function invalids(path: string, value: unknown, msgs: readonly string[]): Errs {
  return msgs.map((m) => invalid(path, value, m));
}
