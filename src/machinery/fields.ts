/**
 * Field selectors, as k8s.io/apimachinery/pkg/fields defines them: `field=value`, `field==value` and `field!=value`
 * terms joined by commas. In values, `\` escapes `\`, `,` and `=`; any other escape is an error, as is an unescaped
 * `,` or `=`. Field names are not escaped: a term splits at its first operator.
 *
 * Guarantees:
 * - A FieldSelector is immutable. Parsed terms are ordered by their raw text (Kubernetes sorts the terms), so
 *   `toString()` is deterministic; `==` prints as `=`.
 * - A field absent from the matched set counts as `''` (Kubernetes' Fields.Get), so `f!=x` matches it.
 * - Invalid selector text throws FieldSelectorParseError with Kubernetes' message; the API server maps it to 400.
 *   Misuse by a caller (wrong argument types) throws FieldSelectorError.
 */

/** A caller passed something that is not a field selector, field set or transform. */
export class FieldSelectorError extends Error {
  override readonly name: string = 'FieldSelectorError';
}

export type FieldSelectorErrorReason = 'InvalidSyntax' | 'InvalidEscapeSequence' | 'UnescapedCharacter' | 'Transform';

/** Field-selector text is invalid (or a transform rejected a term). */
export class FieldSelectorParseError extends FieldSelectorError {
  override readonly name: string = 'FieldSelectorParseError';
  constructor(
    message: string,
    readonly reason: FieldSelectorErrorReason,
  ) {
    super(message);
  }
}

/** The operators a field selector term can carry (selection.Equals / DoubleEquals / NotEquals). */
export type FieldOperator = '=' | '==' | '!=';

/** fields.Requirement: one term. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

/** The fields an object exposes to selectors, e.g. `{'metadata.name': 'a', 'spec.nodeName': 'n1'}`. */
export type FieldSet = Readonly<Record<string, string>>;

/** Rewrites a term's field and value (e.g. version conversion of field labels). `['', '']` drops the term. */
export type FieldTransform = (field: string, value: string) => [field: string, value: string];

interface Term {
  readonly field: string;
  readonly value: string;
  readonly negate: boolean;
}

/** EscapeValue: backslash-escapes `\`, `,` and `=`. */
export function escapeFieldSelectorValue(value: string): string {
  if (typeof value !== 'string') throw new FieldSelectorError('value must be a string');
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** UnescapeValue: the literal value; throws FieldSelectorParseError on a bad escape or an unescaped `,`/`=`. */
export function unescapeFieldSelectorValue(escaped: string): string {
  if (typeof escaped !== 'string') throw new FieldSelectorError('value must be a string');
  if (!/[\\,=]/.test(escaped)) return escaped;
  let out = '';
  let inSlash = false;
  for (const c of escaped) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new FieldSelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`, 'InvalidEscapeSequence');
      }
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Kubernetes prints the rune with %v, i.e. as its code point number.
      throw new FieldSelectorParseError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`, 'UnescapedCharacter');
    } else {
      out += c;
    }
  }
  if (inSlash) throw new FieldSelectorParseError('invalid field selector: invalid escape sequence: \\', 'InvalidEscapeSequence');
  return out;
}

function checkFields(fields: unknown): FieldSet {
  if (fields === null || fields === undefined) return {};
  if (typeof fields !== 'object' || Array.isArray(fields)) throw new FieldSelectorError('fields must be a map of strings');
  return fields as FieldSet;
}

function get(fields: FieldSet, name: string): string {
  const v = Object.hasOwn(fields, name) ? fields[name] : undefined;
  return typeof v === 'string' ? v : '';
}

function toTerm(r: FieldRequirement): Term {
  if (r === null || typeof r !== 'object' || typeof r.field !== 'string' || typeof r.value !== 'string') {
    throw new FieldSelectorError('a field requirement needs string field and value');
  }
  if (r.operator !== '=' && r.operator !== '==' && r.operator !== '!=') {
    throw new FieldSelectorError(`unsupported field selector operator ${JSON.stringify(r.operator)}`);
  }
  return { field: r.field, value: r.value, negate: r.operator === '!=' };
}

function fromTerm(t: Term): FieldRequirement {
  return { field: t.field, operator: t.negate ? '!=' : '=', value: t.value };
}

/** fields.Selector. Immutable. */
export class FieldSelector {
  private readonly terms: readonly Term[];
  private readonly isNothing: boolean;

  /** A selector that ANDs `requirements` (`nothing: true` builds nothingFields()). */
  constructor(requirements: readonly FieldRequirement[] = [], options: { nothing?: boolean } = {}) {
    if (!Array.isArray(requirements)) throw new FieldSelectorError('requirements must be a list');
    this.terms = Object.freeze(requirements.map(toTerm));
    this.isNothing = options.nothing === true;
  }

  /** True when every term holds for `fields` (absent fields read as ''). nothingFields() matches nothing. */
  matches(fields: FieldSet | null | undefined): boolean {
    const set = checkFields(fields);
    if (this.isNothing) return false;
    return this.terms.every((t) => (get(set, t.field) === t.value) !== t.negate);
  }

  /** True when the selector restricts nothing. */
  empty(): boolean {
    return !this.isNothing && this.terms.length === 0;
  }

  /** The value the selector pins `field` to with `=`/`==` (the first such term), e.g. spec.nodeName. */
  requiresExactMatch(field: string): string | undefined {
    return this.terms.find((t) => !t.negate && t.field === field)?.value;
  }

  /** The terms as requirements, in order (`==` reads back as `=`). */
  requirements(): FieldRequirement[] {
    return this.terms.map(fromTerm);
  }

  /** True only for nothingFields(). */
  matchesNothing(): boolean {
    return this.isNothing;
  }

  /**
   * Selector.Transform: a copy with `fn` applied to every term; a term mapped to `['', '']` is dropped. A throwing
   * `fn` aborts the transform with a FieldSelectorParseError carrying its message.
   */
  transform(fn: FieldTransform): FieldSelector {
    if (typeof fn !== 'function') throw new FieldSelectorError('transform takes a function');
    if (this.isNothing) return this;
    const out: Term[] = [];
    for (const t of this.terms) {
      let result: unknown;
      try {
        result = fn(t.field, t.value);
      } catch (err) {
        if (err instanceof FieldSelectorError) throw err;
        throw new FieldSelectorParseError(err instanceof Error ? err.message : String(err), 'Transform');
      }
      if (!Array.isArray(result) || typeof result[0] !== 'string' || typeof result[1] !== 'string') {
        throw new FieldSelectorError('a field transform must return [field, value] strings');
      }
      const [field, value] = result as [string, string];
      if (field === '' && value === '') continue;
      out.push({ field, value, negate: t.negate });
    }
    return new FieldSelector(out.map(fromTerm));
  }

  /** The terms joined by commas, values escaped; `''` for everything and nothing. */
  toString(): string {
    return this.terms.map((t) => `${t.field}${t.negate ? '!=' : '='}${escapeFieldSelectorValue(t.value)}`).join(',');
  }
}

const EVERYTHING_FIELDS = new FieldSelector();
const NOTHING_FIELDS = new FieldSelector([], { nothing: true });

/** fields.Everything(). */
export function everythingFields(): FieldSelector {
  return EVERYTHING_FIELDS;
}

/** fields.Nothing(): matches nothing, is not empty, prints as ''. */
export function nothingFields(): FieldSelector {
  return NOTHING_FIELDS;
}

/** fields.SelectorFromSet: `field=value` for each entry, ordered by field name. */
export function fieldSelectorFromSet(set: FieldSet | null | undefined): FieldSelector {
  const fields = checkFields(set);
  const reqs: FieldRequirement[] = [];
  for (const field of Object.keys(fields).sort(byteOrder)) {
    const value = fields[field];
    if (typeof value !== 'string') throw new FieldSelectorError(`field ${JSON.stringify(field)} must map to a string`);
    reqs.push({ field, operator: '=', value });
  }
  return new FieldSelector(reqs);
}

/** fields.OneTermEqualSelector. */
export function oneTermEqualFieldSelector(field: string, value: string): FieldSelector {
  return new FieldSelector([{ field, operator: '=', value }]);
}

/** fields.OneTermNotEqualSelector. */
export function oneTermNotEqualFieldSelector(field: string, value: string): FieldSelector {
  return new FieldSelector([{ field, operator: '!=', value }]);
}

/** fields.AndSelectors: all terms of all selectors; nothing if any of them is nothing. */
export function andFieldSelectors(...selectors: FieldSelector[]): FieldSelector {
  const reqs: FieldRequirement[] = [];
  for (const s of selectors) {
    if (!(s instanceof FieldSelector)) throw new FieldSelectorError('andFieldSelectors takes FieldSelectors');
    if (s.matchesNothing()) return NOTHING_FIELDS;
    reqs.push(...s.requirements());
  }
  return new FieldSelector(reqs);
}

/** splitTerms: splits on commas not escaped by a backslash; the escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const TERM_OPERATORS = ['!=', '==', '='] as const;

/** splitTerm: splits at the first operator (`!=` and `==` win over `=` at the same position). */
function splitTerm(term: string): [string, FieldOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

function byteOrder(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}

/**
 * fields.ParseSelector (and ParseAndTransformSelector when `options.transform` is given). Empty terms are skipped.
 * Throws FieldSelectorParseError, e.g. `invalid selector: 'x'; can't understand 'x'`.
 */
export function parseFieldSelector(selector: string, options: { transform?: FieldTransform } = {}): FieldSelector {
  if (typeof selector !== 'string') throw new FieldSelectorParseError(`field selector must be a string, got ${typeof selector}`, 'InvalidSyntax');
  const parts = splitTerms(selector).sort(byteOrder);
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new FieldSelectorParseError(`invalid selector: '${selector}'; can't understand '${part}'`, 'InvalidSyntax');
    const [field, operator, raw] = split;
    reqs.push({ field, operator, value: unescapeFieldSelectorValue(raw) });
  }
  const parsed = new FieldSelector(reqs);
  return options.transform ? parsed.transform(options.transform) : parsed;
}
