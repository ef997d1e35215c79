/**
 * Object-name rules and name generation, as k8s.io/apimachinery/pkg/util/validation, pkg/api/validation and
 * k8s.io/apiserver/pkg/storage/names define them.
 *
 * Guarantees:
 * - The `is*` checks return Kubernetes' own messages, in Kubernetes' order; an empty array means valid.
 * - Lengths are measured in UTF-8 bytes, as Go's `len()` does.
 * - A non-string argument is a caller bug and throws `NameInputError`; it is never coerced.
 */
import { randomBytes } from 'node:crypto';
import { type FieldError, fieldErrors } from './field-errors.js';

/** Thrown when a function here is called with an argument of the wrong type or shape. */
export class NameInputError extends Error {
  override readonly name = 'NameInputError';
}

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new NameInputError(`${what} must be a string, got ${typeof value}`);
  return value;
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

// Message helpers, worded as k8s.io/apimachinery/pkg/api/validate/content words them.

/** `must be no more than N bytes` */
export function maxLenError(length: number): string {
  return `must be no more than ${length} bytes`;
}

/** `must be non-empty` */
export function emptyError(): string {
  return 'must be non-empty';
}

/**
 * Kubernetes' RegexError: `msg (e.g. 'a',  or 'b', regex used for validation is 're')`. The double space after each
 * comma but the last is Kubernetes' own and is kept on purpose.
 */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) out += ' or ';
    out += `'${ex}', `;
  });
  return `${out}regex used for validation is '${re}')`;
}

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123_LABEL_MAX_LENGTH = 63;
const dns1123LabelRegexp = new RegExp(`^${dns1123LabelFmt}$`);

const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const dns1123SubdomainRegexp = new RegExp(`^${dns1123SubdomainFmt}$`);

const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const DNS1035_LABEL_MAX_LENGTH = 63;
const dns1035LabelRegexp = new RegExp(`^${dns1035LabelFmt}$`);

/** IsDNS1123Label: lowercase RFC 1123 label, at most 63 bytes (namespaces, services, nodes' hostnames, ...). */
export function isDNS1123Label(value: string): string[] {
  requireString(value, 'value');
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelRegexp.test(value)) {
    // A valid subdomain that is not a valid label (length already reported) can only be failing on dots.
    if (dns1123SubdomainRegexp.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

/** IsDNS1123Subdomain: lowercase RFC 1123 subdomain, at most 253 bytes (most object names). */
export function isDNS1123Subdomain(value: string): string[] {
  requireString(value, 'value');
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainRegexp.test(value)) errs.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

/** IsDNS1035Label: like a DNS-1123 label but must start with a letter (service names). */
export function isDNS1035Label(value: string): string[] {
  requireString(value, 'value');
  const errs: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035LabelRegexp.test(value)) errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, 'my-name', 'abc-123'));
  return errs;
}

/** IsPathSegmentPrefix: the name may prefix a REST path segment (no '/' or '%'). Empty and long names pass. */
export function isValidPathSegmentPrefix(name: string): string[] {
  requireString(name, 'name');
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

/** IsPathSegmentName: the name may be a REST path segment (not `.` or `..`, no '/' or '%'). */
export function isValidPathSegmentName(name: string): string[] {
  requireString(name, 'name');
  for (const bad of ['.', '..']) if (name === bad) return [`may not be '${bad}'`];
  return isValidPathSegmentPrefix(name);
}

/**
 * Kubernetes' maskTrailingDash: when a name is a generateName prefix, a trailing '-' is allowed. Kubernetes replaces
 * the last TWO characters with 'a' (so `abc-` is checked as `aba`); that quirk is kept so lengths and messages match.
 */
function maskTrailingDash(name: string): string {
  if (name.length > 1 && name.endsWith('-')) return `${name.slice(0, -2)}a`;
  return name;
}

/**
 * A ValidateNameFunc: checks `name`, or a generateName prefix when `prefix` is true. Returns Kubernetes' messages.
 */
export type NameValidator = (name: string, prefix: boolean) => string[];

/** NameIsDNSSubdomain: the rule for pods, deployments, configmaps, secrets, nodes and most other kinds. */
export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(requireString(name, 'name')) : name);

/** NameIsDNSLabel: the rule for namespaces (ValidateNamespaceName) and a few others. */
export const nameIsDNSLabel: NameValidator = (name, prefix) =>
  isDNS1123Label(prefix ? maskTrailingDash(requireString(name, 'name')) : name);

/** NameIsDNS1035Label: the rule for services. */
export const nameIsDNS1035Label: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(requireString(name, 'name')) : name);

/** ValidatePathSegmentName: the loosest rule (e.g. RBAC roles and bindings). */
export const nameIsPathSegment: NameValidator = (name, prefix) =>
  prefix ? isValidPathSegmentPrefix(name) : isValidPathSegmentName(name);

/** ValidateNamespaceName. */
export const validateNamespaceName: NameValidator = nameIsDNSLabel;

/** The name rules Kubernetes' strategies choose from. */
export type NameRule = 'DNS1123Subdomain' | 'DNS1123Label' | 'DNS1035Label' | 'PathSegment';

const validatorsByRule: Record<NameRule, NameValidator> = {
  DNS1123Subdomain: nameIsDNSSubdomain,
  DNS1123Label: nameIsDNSLabel,
  DNS1035Label: nameIsDNS1035Label,
  PathSegment: nameIsPathSegment,
};

/** The validator for `rule`; throws NameInputError for an unknown rule. */
export function nameValidatorFor(rule: NameRule): NameValidator {
  const v = Object.hasOwn(validatorsByRule, rule) ? validatorsByRule[rule] : undefined;
  if (!v) throw new NameInputError(`unknown name rule ${JSON.stringify(rule)}`);
  return v;
}

/** Checks `name` (or a generateName prefix) against `rule`; returns Kubernetes' messages, empty when valid. */
export function validateObjectName(name: string, rule: NameRule, options: { prefix?: boolean } = {}): string[] {
  return nameValidatorFor(rule)(name, options.prefix ?? false);
}

/**
 * The name part of ValidateObjectMetaAccessor: `generateName` (checked as a prefix) and `name` (required) as field
 * errors under `fieldPath` (default `metadata`). Call it after name generation, as Kubernetes does.
 */
export function validateMetadataName(
  meta: { name?: string | undefined; generateName?: string | undefined },
  rule: NameRule,
  fieldPath = 'metadata',
): FieldError[] {
  if (meta === null || typeof meta !== 'object') throw new NameInputError('meta must be an object');
  const validate = nameValidatorFor(rule);
  const errs: FieldError[] = [];
  const generateName = meta.generateName ?? '';
  const name = meta.name ?? '';
  requireString(generateName, 'generateName');
  requireString(name, 'name');
  if (generateName !== '') {
    for (const msg of validate(generateName, true)) errs.push(fieldErrors.invalid(`${fieldPath}.generateName`, generateName, msg));
  }
  if (name === '') errs.push(fieldErrors.required(`${fieldPath}.name`, 'name or generateName is required'));
  else for (const msg of validate(name, false)) errs.push(fieldErrors.invalid(`${fieldPath}.name`, name, msg));
  return errs;
}

// Name generation (k8s.io/apiserver/pkg/storage/names and k8s.io/apimachinery/pkg/util/rand).

/** Returns `size` uniformly random bytes. The default uses node:crypto. */
export type RandomBytesSource = (size: number) => Uint8Array;

export const cryptoRandomBytes: RandomBytesSource = (size) => randomBytes(size);

/** Kubernetes' alphabet for random name parts: no vowels (to avoid words), no 0/1/3 (look-alikes). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;
/** The longest generateName prefix kept; longer prefixes are truncated so the result fits in 63 bytes. */
export const MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

/**
 * A random string of `length` characters from NAME_SUFFIX_ALPHABET (utilrand.String). Each character takes the low
 * five bits of a random byte and rejects values ≥ 27, as Kubernetes does, so the distribution is uniform.
 */
export function randomNameString(length: number, random: RandomBytesSource = cryptoRandomBytes): string {
  if (!Number.isSafeInteger(length) || length < 0) throw new NameInputError(`length must be a non-negative integer, got ${String(length)}`);
  if (typeof random !== 'function') throw new NameInputError('random must be a function returning bytes');
  let out = '';
  // Bound the loop: a broken source returning only rejected bytes must not spin forever.
  for (let rounds = 0; out.length < length; rounds++) {
    if (rounds > 64) throw new NameInputError('random source keeps producing unusable bytes');
    const want = (length - out.length) * 2;
    const bytes = random(want);
    if (!(bytes instanceof Uint8Array) || bytes.length !== want) {
      throw new NameInputError(`random source must return a Uint8Array of ${want} bytes`);
    }
    for (const b of bytes) {
      const idx = b & 0x1f;
      if (idx < NAME_SUFFIX_ALPHABET.length) out += NAME_SUFFIX_ALPHABET[idx];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Kubernetes' 5-character generateName suffix. */
export function generateNameSuffix(random: RandomBytesSource = cryptoRandomBytes): string {
  return randomNameString(RANDOM_LENGTH, random);
}

/**
 * SimpleNameGenerator.GenerateName: `base` truncated to 58 bytes plus a 5-character random suffix, so the result is
 * at most 63 bytes. Truncation never splits a multi-byte character. If `base` is valid, the result is too.
 */
export function generateName(base: string, options: { random?: RandomBytesSource } = {}): string {
  requireString(base, 'base');
  let prefix = base;
  if (byteLength(prefix) > MAX_GENERATED_NAME_LENGTH) {
    let bytes = 0;
    let end = 0;
    for (const ch of base) {
      const n = byteLength(ch);
      if (bytes + n > MAX_GENERATED_NAME_LENGTH) break;
      bytes += n;
      end += ch.length;
    }
    prefix = base.slice(0, end);
  }
  return prefix + generateNameSuffix(options.random ?? cryptoRandomBytes);
}

/**
 * utilrand.SafeEncodeString: maps each character onto NAME_SUFFIX_ALPHABET by code point, the way Kubernetes turns
 * hashes into name parts (e.g. pod-template-hash). Deterministic.
 */
export function safeEncodeString(s: string): string {
  requireString(s, 's');
  let out = '';
  for (const ch of s) out += NAME_SUFFIX_ALPHABET[ch.codePointAt(0)! % NAME_SUFFIX_ALPHABET.length];
  return out;
}

// Qualified names (label keys, annotation keys, ...) and label values: k8s.io/apimachinery/pkg/api/validate/content.

const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelKeyErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_MAX_LENGTH = 63;
const labelKeyRegexp = new RegExp(`^${labelKeyFmt}$`);

/**
 * IsQualifiedName (IsLabelKey): an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 bytes of
 * alphanumerics, '-', '_' or '.', starting and ending alphanumeric.
 */
export function isQualifiedName(value: string): string[] {
  requireString(value, 'value');
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
  } else {
    return [
      `a valid label key ${regexError(labelKeyErrMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (byteLength(name) > LABEL_KEY_MAX_LENGTH) errs.push(`name part ${maxLenError(LABEL_KEY_MAX_LENGTH)}`);
  if (!labelKeyRegexp.test(name)) errs.push(`name part ${regexError(labelKeyErrMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** IsPrefixedLabelKey: a qualified name that must have a domain prefix (`example.com/key`). */
export function isPrefixedLabelKey(value: string): string[] {
  const errs = isQualifiedName(value);
  if (errs.length) return errs;
  return value.split('/').length === 2 ? [] : ["must include a prefix (e.g. 'example.com/key')"];
}

const labelValueFmt = `(${labelKeyFmt})?`;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const LABEL_VALUE_MAX_LENGTH = 63;
const labelValueRegexp = new RegExp(`^${labelValueFmt}$`);

/** IsValidLabelValue: empty, or at most 63 bytes of alphanumerics, '-', '_' or '.', starting and ending alphanumeric. */
export function isValidLabelValue(value: string): string[] {
  requireString(value, 'value');
  const errs: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValueRegexp.test(value)) errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}
