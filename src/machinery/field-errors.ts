/**
 * Field validation errors, as k8s.io/apimachinery/pkg/util/validation/field renders them. `body()` is the text after
 * the field path (`Invalid value: -1: must be greater than or equal to 0`); `toString()` prefixes the path.
 */

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const typeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Values are shown as Go's %#v-ish rendering Kubernetes uses: strings quoted, numbers and booleans bare. */
function renderValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null || v === undefined) return 'null';
  return JSON.stringify(v);
}

const omit = Symbol('omitValue');

export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly badValue: unknown,
    readonly detail: string,
  ) {}

  /** The message without the field path. */
  body(): string {
    let s = typeText[this.type];
    const hasValue =
      this.badValue !== omit &&
      (this.type === 'FieldValueInvalid' ||
        this.type === 'FieldValueNotSupported' ||
        this.type === 'FieldValueDuplicate' ||
        this.type === 'FieldValueNotFound' ||
        this.type === 'FieldValueTooMany' ||
        this.type === 'FieldValueTypeInvalid');
    if (hasValue) s += `: ${renderValue(this.badValue)}`;
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }

  toString(): string {
    return this.field ? `${this.field}: ${this.body()}` : this.body();
  }
}

export const fieldErrors = {
  required: (field: string, detail = '') => new FieldError('FieldValueRequired', field, omit, detail),
  invalid: (field: string, value: unknown, detail: string) => new FieldError('FieldValueInvalid', field, value, detail),
  typeInvalid: (field: string, value: unknown, detail: string) => new FieldError('FieldValueTypeInvalid', field, value, detail),
  notSupported: (field: string, value: unknown, supported: readonly string[]) =>
    new FieldError('FieldValueNotSupported', field, value, supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : ''),
  forbidden: (field: string, detail: string) => new FieldError('FieldValueForbidden', field, omit, detail),
  duplicate: (field: string, value: unknown) => new FieldError('FieldValueDuplicate', field, value, ''),
  notFound: (field: string, value: unknown) => new FieldError('FieldValueNotFound', field, value, ''),
  tooLong: (field: string, maxLength: number) =>
    new FieldError('FieldValueTooLong', field, omit, `may not be more than ${maxLength} bytes`),
  // As field.TooMany: the actual count is the bad value ("Too many: 65: must have at most 64 items").
  tooMany: (field: string, actual: number, max: number) => new FieldError('FieldValueTooMany', field, actual, `must have at most ${max} items`),
  internal: (field: string, err: string) => new FieldError('InternalError', field, omit, err),
};

/** Joins errors the way Kubernetes' ErrorList.ToAggregate() does: one bare, several in `[a, b]`. */
export function formatFieldErrors(errs: readonly FieldError[]): string {
  const msgs = [...new Set(errs.map((e) => e.toString()))];
  if (msgs.length === 1) return msgs[0]!;
  return `[${msgs.join(', ')}]`;
}
