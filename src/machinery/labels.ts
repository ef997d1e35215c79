/**
 * Label selectors, as k8s.io/apimachinery/pkg/labels defines them: requirements, selectors, and conversion from
 * metav1.LabelSelector. The string syntax is parsed by ./label-parser.ts (parseLabelSelector).
 *
 * Guarantees:
 * - A Selector is immutable; its requirements are sorted by key (stable), so `toString()` is deterministic and equal
 *   selectors print equally — Kubernetes' canonical form.
 * - Invalid user input (a bad key, value, operator or LabelSelector) throws `SelectorParseError` carrying Kubernetes'
 *   exact message; the API server maps it to 400 BadRequest. Misuse by a caller (wrong argument types) throws
 *   `SelectorError`.
 * - Matching reads only own properties of the label map (`{constructor: ...}` tricks cannot match).
 */
import { type FieldError, fieldErrors, formatFieldErrors } from './field-errors.js';
import { isQualifiedName, isValidLabelValue } from './names.js';

/** A caller passed something that is not a selector, label map or requirement. */
export class SelectorError extends Error {
  override readonly name: string = 'SelectorError';
}

/** A selector string, requirement or LabelSelector is invalid. `causes` holds the field errors, when any. */
export class SelectorParseError extends SelectorError {
  override readonly name: string = 'SelectorParseError';
  readonly causes: readonly FieldError[];
  constructor(message: string, causes: readonly FieldError[] = []) {
    super(message);
    this.causes = causes;
  }
}

/** selection.Operator values. `exists` and `!` take no values; `gt`/`lt` take one integer. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export const LABEL_BINARY_OPERATORS: readonly LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const ALL_OPERATORS: readonly LabelOperator[] = [...LABEL_BINARY_OPERATORS, 'exists', '!'];

/** A label map, as in metadata.labels. */
export type LabelSet = Readonly<Record<string, string>>;

/** Go's string ordering (UTF-8 byte order), computed by code point. Used to sort keys and values. */
export function compareUtf8Order(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done) return cb.done ? 0 : -1;
    if (cb.done) return 1;
    const d = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64), or undefined. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

function lookup(labels: LabelSet, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/** One clause of a selector: `key <operator> values`. Built only by `newRequirement`, which validates. */
export interface Requirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** In the order given (parsed set values are sorted and de-duplicated). */
  readonly values: readonly string[];
  /**
   * Kubernetes' Requirement.Matches: `in`/`=`/`==` need the key present with a listed value; `notin`/`!=` match when
   * the key is absent or its value is not listed; `gt`/`lt` compare int64 values and fail on non-integers.
   */
  matches(labels: LabelSet): boolean;
  /** Kubernetes' string form: `!k`, `k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k>1`, `k<1`. */
  toString(): string;
  equals(other: Requirement): boolean;
}

class LabelRequirement implements Requirement {
  constructor(
    readonly key: string,
    readonly operator: LabelOperator,
    readonly values: readonly string[],
  ) {
    Object.freeze(this.values);
  }

  matches(labels: LabelSet): boolean {
    switch (this.operator) {
      case 'in':
      case '=':
      case '==': {
        const v = lookup(labels, this.key);
        return v !== undefined && this.values.includes(v);
      }
      case 'notin':
      case '!=': {
        const v = lookup(labels, this.key);
        return v === undefined || !this.values.includes(v);
      }
      case 'exists':
        return Object.hasOwn(labels, this.key);
      case '!':
        return !Object.hasOwn(labels, this.key);
      case 'gt':
      case 'lt': {
        const v = lookup(labels, this.key);
        if (v === undefined || this.values.length !== 1) return false;
        const have = parseInt64(v);
        const want = parseInt64(this.values[0]!);
        if (have === undefined || want === undefined) return false;
        return this.operator === 'gt' ? have > want : have < want;
      }
    }
  }

  toString(): string {
    const op = this.operator;
    if (op === '!') return `!${this.key}`;
    if (op === 'exists') return this.key;
    const sym = { in: ' in ', notin: ' notin ', '=': '=', '==': '==', '!=': '!=', gt: '>', lt: '<' }[op];
    const vals = this.values.length === 1 ? this.values[0]! : [...this.values].sort(compareUtf8Order).join(',');
    return op === 'in' || op === 'notin' ? `${this.key}${sym}(${vals})` : `${this.key}${sym}${vals}`;
  }

  equals(other: Requirement): boolean {
    return (
      other instanceof LabelRequirement &&
      other.key === this.key &&
      other.operator === this.operator &&
      other.values.length === this.values.length &&
      other.values.every((v, i) => v === this.values[i])
    );
  }
}

/** Field path prefix for requirement errors; `undefined` renders as Go's nil path would (`key`, `values[0]`). */
function child(path: string | undefined, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** validateLabelKey: one field error joining IsQualifiedName's messages with "; ". */
export function labelKeyError(key: string, path: string): FieldError | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? fieldErrors.invalid(path, key, errs.join('; ')) : undefined;
}

/**
 * labels.NewRequirement: validates and builds a requirement. Values are kept in the given order (the string form
 * sorts them). Throws SelectorParseError whose message is Kubernetes' aggregated field errors, e.g.
 * `values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty`.
 */
export function newRequirement(
  key: string,
  operator: LabelOperator,
  values: readonly string[] | null | undefined,
  options: { path?: string } = {},
): Requirement {
  if (typeof key !== 'string') throw new SelectorParseError(`${child(options.path, 'key')}: must be a string`);
  if (values != null && (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))) {
    throw new SelectorParseError(`${child(options.path, 'values')}: must be a list of strings`);
  }
  const vals: readonly string[] = values ?? [];
  // Go renders a nil []string as null and an empty non-nil one as []; callers pass null for "absent".
  const shown = values ?? null;
  const errs: FieldError[] = [];
  const keyErr = labelKeyError(key, child(options.path, 'key'));
  if (keyErr) errs.push(keyErr);
  const valuePath = child(options.path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(fieldErrors.invalid(valuePath, shown, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(fieldErrors.invalid(valuePath, shown, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(fieldErrors.invalid(valuePath, shown, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(fieldErrors.invalid(valuePath, shown, "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(fieldErrors.invalid(`${valuePath}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(fieldErrors.notSupported(child(options.path, 'operator'), operator, ALL_OPERATORS));
  }
  vals.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length) errs.push(fieldErrors.invalid(`${valuePath}[${i}][${key}]`, v, msgs.join('; ')));
  });
  if (errs.length) throw new SelectorParseError(formatFieldErrors(errs), errs);
  return new LabelRequirement(key, operator, [...vals]);
}

/** labels.Selector. Immutable. */
export interface Selector {
  /** True when every requirement matches `labels` (an absent label map is an empty one). */
  matches(labels: LabelSet | null | undefined): boolean;
  /** True when the selector does not restrict anything (Everything). `nothing()` is not empty. */
  empty(): boolean;
  /** The requirements, sorted by key. Empty for both everything() and nothing(). */
  requirements(): readonly Requirement[];
  /** A new selector with `reqs` added, re-sorted by key. Adding to nothing() stays nothing(). */
  add(...reqs: Requirement[]): Selector;
  /** The value a selector pins `label` to (via `=`, `==` or a one-value `in`), if it does. */
  requiresExactMatch(label: string): string | undefined;
  /** True only for nothing() (Kubernetes' MatchesNothing). */
  matchesNothing(): boolean;
  /** Canonical string form; `''` for both everything() and nothing(). */
  toString(): string;
}

function checkLabels(labels: unknown): LabelSet {
  if (labels === null || labels === undefined) return {};
  if (typeof labels !== 'object' || Array.isArray(labels)) throw new SelectorError('labels must be a map of strings');
  return labels as LabelSet;
}

function checkRequirements(reqs: readonly unknown[]): void {
  for (const r of reqs) if (!(r instanceof LabelRequirement)) throw new SelectorError('add() takes Requirements built by newRequirement');
}

function sortByKey(reqs: readonly Requirement[]): Requirement[] {
  return [...reqs].sort((a, b) => compareUtf8Order(a.key, b.key));
}

class RequirementsSelector implements Selector {
  private readonly reqs: readonly Requirement[];
  constructor(reqs: readonly Requirement[]) {
    this.reqs = Object.freeze(sortByKey(reqs));
  }
  matches(labels: LabelSet | null | undefined): boolean {
    const set = checkLabels(labels);
    return this.reqs.every((r) => r.matches(set));
  }
  empty(): boolean {
    return this.reqs.length === 0;
  }
  requirements(): readonly Requirement[] {
    return this.reqs;
  }
  add(...reqs: Requirement[]): Selector {
    checkRequirements(reqs);
    return new RequirementsSelector([...this.reqs, ...reqs]);
  }
  requiresExactMatch(label: string): string | undefined {
    const r = this.reqs.find((x) => x.key === label);
    if (!r) return undefined;
    if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
    return undefined;
  }
  matchesNothing(): boolean {
    return false;
  }
  toString(): string {
    return this.reqs.map((r) => r.toString()).join(',');
  }
}

const NOTHING: Selector = Object.freeze({
  matches: (labels: LabelSet | null | undefined) => {
    checkLabels(labels);
    return false;
  },
  empty: () => false,
  requirements: () => [],
  add: (...reqs: Requirement[]) => {
    checkRequirements(reqs);
    return NOTHING;
  },
  requiresExactMatch: () => undefined,
  matchesNothing: () => true,
  toString: () => '',
});

const EVERYTHING: Selector = new RequirementsSelector([]);

/** labels.Everything(): matches every label set; empty. */
export function everything(): Selector {
  return EVERYTHING;
}

/** labels.Nothing(): matches nothing; not empty; prints as ''. */
export function nothing(): Selector {
  return NOTHING;
}

/** A selector from already-validated requirements (sorted by key). */
export function selectorFromRequirements(reqs: readonly Requirement[]): Selector {
  return EVERYTHING.add(...reqs);
}

/**
 * A selector matching exactly `set` (ValidatedSelectorFromSet): one `key=value` per entry, sorted by key. An empty or
 * absent set is everything(). Invalid keys or values throw SelectorParseError (`values[0][Key]: Invalid value: ...`).
 */
export function selectorFromSet(set: LabelSet | null | undefined): Selector {
  const labels = checkLabels(set);
  const reqs: Requirement[] = [];
  for (const key of Object.keys(labels).sort(compareUtf8Order)) {
    const value = labels[key];
    if (typeof value !== 'string') throw new SelectorParseError(`values[0][${key}]: must be a string`);
    reqs.push(newRequirement(key, '=', [value]));
  }
  return new RequirementsSelector(reqs);
}

/** metav1.LabelSelector as JSON (structurally the same as the api layer's type). */
export interface LabelSelectorInput {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: ReadonlyArray<{ key: string; operator: string; values?: readonly string[] | null }> | null;
}

const LABEL_SELECTOR_OPS: Readonly<Record<string, LabelOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector: `null`/`undefined` selects nothing; `{}` selects everything; otherwise matchLabels
 * become `=` requirements and matchExpressions map In/NotIn/Exists/DoesNotExist onto in/notin/exists/!. Errors are
 * Kubernetes' (`"Foo" is not a valid label selector operator`, `values: Invalid value: null: for 'in', 'notin'
 * operators, values set can't be empty`, ...), thrown as SelectorParseError.
 */
export function selectorFromLabelSelector(ps: LabelSelectorInput | null | undefined): Selector {
  if (ps === null || ps === undefined) return NOTHING;
  if (typeof ps !== 'object' || Array.isArray(ps)) throw new SelectorParseError('selector must be an object');
  const matchLabels = ps.matchLabels ?? {};
  const exprs = ps.matchExpressions ?? [];
  if (typeof matchLabels !== 'object' || Array.isArray(matchLabels)) throw new SelectorParseError('matchLabels must be a map of strings');
  if (!Array.isArray(exprs)) throw new SelectorParseError('matchExpressions must be a list');
  const keys = Object.keys(matchLabels).sort(compareUtf8Order);
  if (keys.length + exprs.length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  for (const key of keys) {
    const value = matchLabels[key];
    if (typeof value !== 'string') throw new SelectorParseError(`matchLabels[${key}]: must be a string`);
    reqs.push(newRequirement(key, '=', [value]));
  }
  exprs.forEach((expr, i) => {
    if (expr === null || typeof expr !== 'object') throw new SelectorParseError(`matchExpressions[${i}]: must be an object`);
    const op = typeof expr.operator === 'string' && Object.hasOwn(LABEL_SELECTOR_OPS, expr.operator) ? LABEL_SELECTOR_OPS[expr.operator] : undefined;
    if (!op) throw new SelectorParseError(`${JSON.stringify(expr.operator ?? '')} is not a valid label selector operator`);
    const values = expr.values && expr.values.length > 0 ? expr.values : null;
    reqs.push(newRequirement(expr.key, op, values));
  });
  return new RequirementsSelector(reqs);
}

/**
 * ValidateLabels: one FieldError per bad key or value, all at `fieldPath` (e.g. `metadata.labels`), with Kubernetes'
 * messages. A non-object map or a non-string value is reported as a type error rather than thrown.
 */
export function validateLabels(labels: unknown, fieldPath: string): FieldError[] {
  if (labels === null || labels === undefined) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) return [fieldErrors.typeInvalid(fieldPath, labels, 'must be of type object')];
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    for (const msg of isQualifiedName(k)) errs.push(fieldErrors.invalid(fieldPath, k, msg));
    if (typeof v !== 'string') {
      errs.push(fieldErrors.typeInvalid(`${fieldPath}[${k}]`, v, 'must be of type string'));
      continue;
    }
    for (const msg of isValidLabelValue(v)) errs.push(fieldErrors.invalid(fieldPath, v, msg));
  }
  return errs;
}

/** ValidateLabelName: IsQualifiedName's messages as field errors at `fieldPath`. */
export function validateQualifiedName(value: string, fieldPath: string): FieldError[] {
  if (typeof value !== 'string') return [fieldErrors.typeInvalid(fieldPath, value, 'must be of type string')];
  return isQualifiedName(value).map((msg) => fieldErrors.invalid(fieldPath, value, msg));
}

