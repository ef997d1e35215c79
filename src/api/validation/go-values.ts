/**
 * Kubernetes 1.32 renders a field error's non-scalar bad value with Go's `%#v`
 * (`map[string]string{"app":"web"}`, `[]string{"10.0.0.1"}`, `v1.LabelSelector{...}`). machinery's FieldError
 * renders non-scalars as JSON (the 1.33+ behaviour), so errors whose value is a map, slice or struct are built here
 * with the Go rendering attached. The raw value stays in `badValue` for machine use.
 */
import { FieldError, type FieldErrorType } from '../../machinery/index.js';

const typeText: Partial<Record<FieldErrorType, string>> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueNotFound: 'Not found',
};

/** A FieldError whose value text is given (Go's %#v of the value) instead of derived from JSON. */
export class GoRenderedFieldError extends FieldError {
  readonly renderedValue: string;

  constructor(init: { type: FieldErrorType; field: string; badValue: unknown; detail: string; renderedValue: string }) {
    super(init.type, init.field, init.badValue, init.detail);
    this.renderedValue = init.renderedValue;
  }

  override body(): string {
    const s = `${typeText[this.type] ?? this.type}: ${this.renderedValue}`;
    return this.detail ? `${s}: ${this.detail}` : s;
  }
}

/** Go's %q for a string (close enough: JSON escaping). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** `map[string]string{"a":"b", "c":"d"}` with keys sorted, as fmt prints maps; `map[string]string(nil)` for none. */
export function goStringMap(m: Record<string, unknown> | null | undefined): string {
  if (m === null || m === undefined) return 'map[string]string(nil)';
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** `[]string{"a", "b"}`; `[]string(nil)` for none. */
export function goStringSlice(a: readonly unknown[] | null | undefined): string {
  if (a === null || a === undefined) return '[]string(nil)';
  return `[]string{${a.map((v) => goQuote(String(v))).join(', ')}}`;
}

interface SelectorLike {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: readonly { key?: string; operator?: string; values?: readonly string[] | null }[] | null;
}

/** `v1.LabelSelector{MatchLabels:map[string]string{...}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`. */
export function goLabelSelector(sel: SelectorLike | null | undefined): string {
  if (sel === null || sel === undefined) return 'null';
  const exprs = sel.matchExpressions;
  const exprText =
    exprs === null || exprs === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`,
          )
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}
