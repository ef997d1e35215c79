/**
 * JSON Patch (RFC 6902), as the API server applies `application/json-patch+json` bodies. Operations are executed by
 * `fast-json-patch`; this module validates them first, never mutates its inputs, and turns every failure into a
 * PatchError whose reason and HTTP code follow Kubernetes (400 when the body is not a list of operation objects,
 * 413 above 10,000 operations, 422 for every failure while applying). Messages follow evanphx/json-patch, the library
 * Kubernetes uses.
 */
import jsonpatch from 'fast-json-patch';
import { PatchError, type PatchErrorReason } from './errors.js';
import { deepClone, isJsonObject, type JsonObject, type JsonValue } from './json.js';

export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: JsonValue }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/** The most operations one JSON Patch may carry (Kubernetes' maxJSONPatchOperations). */
export const MAX_JSON_PATCH_OPERATIONS = 10_000;

export interface ApplyJsonPatchOptions {
  /** Defaults to MAX_JSON_PATCH_OPERATIONS. */
  maxOperations?: number;
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/**
 * Validates that `ops` is a JSON Patch: a list of operation objects with a known `op`, a JSON-pointer `path`, a
 * `value` where RFC 6902 requires one and a `from` for move/copy. Throws PatchError (InvalidPatch when `ops` is not a
 * list of objects, InvalidOperation otherwise); returns the typed operations.
 */
export function parseJsonPatch(ops: unknown, options: ApplyJsonPatchOptions = {}): JsonPatchOperation[] {
  if (!Array.isArray(ops)) {
    throw new PatchError('InvalidPatch', `json: cannot unmarshal ${describe(ops)} into Go value of type jsonpatch.Patch`);
  }
  const max = options.maxOperations ?? MAX_JSON_PATCH_OPERATIONS;
  if (ops.length > max) {
    throw new PatchError('TooManyOperations', `The allowed maximum operations in a JSON patch is ${max}, got ${ops.length}`);
  }
  return ops.map((op: unknown) => {
    if (!isJsonObject(op as JsonValue)) {
      throw new PatchError('InvalidPatch', `json: cannot unmarshal ${describe(op)} into Go value of type jsonpatch.Operation`);
    }
    const o = op as JsonObject;
    const kind = o.op;
    if (typeof kind !== 'string' || !OPS.has(kind)) {
      throw new PatchError('InvalidOperation', `Unexpected kind: ${typeof kind === 'string' ? kind : 'unknown'}`);
    }
    checkPointer(o.path, 'operation missing path field');
    if ((kind === 'move' || kind === 'copy') && typeof o.from !== 'string') {
      throw new PatchError('InvalidOperation', `${kind} operation, missing from field: missing value`);
    }
    if (kind === 'move' || kind === 'copy') checkPointer(o.from, `${kind} operation failed to decode from`);
    if ((kind === 'add' || kind === 'replace' || kind === 'test') && !Object.prototype.hasOwnProperty.call(o, 'value')) {
      throw new PatchError('InvalidOperation', `${kind} operation, missing value field: missing value`);
    }
    if (kind === 'move' && (o.path as string).startsWith(`${o.from as string}/`)) {
      throw new PatchError('InvalidOperation', `move operation does not apply: cannot move ${o.from as string} into its own child ${o.path as string}`);
    }
    return o as unknown as JsonPatchOperation;
  });
}

/**
 * Applies the JSON Patch `ops` to `doc` and returns the patched document. Neither `doc` nor `ops` is mutated and the
 * result shares no structure with either. Operations apply in order; the first failing one aborts the whole patch.
 */
export function applyJsonPatch(doc: JsonValue, ops: unknown, options: ApplyJsonPatchOptions = {}): JsonValue {
  const parsed = deepClone(parseJsonPatch(ops, options) as unknown as JsonValue) as unknown as JsonPatchOperation[];
  try {
    return jsonpatch.applyPatch(deepClone(doc), parsed, true, true).newDocument as JsonValue;
  } catch (err) {
    throw translate(err);
  }
}

function checkPointer(p: JsonValue | undefined, missing: string): void {
  if (typeof p !== 'string') throw new PatchError('InvalidOperation', `${missing}: missing value`);
  if (p !== '' && !p.startsWith('/')) {
    throw new PatchError('InvalidOperation', `JSON pointer must be empty or start with a "/": ${JSON.stringify(p)}`);
  }
}

const REASON_BY_NAME: Record<string, PatchErrorReason> = {
  SEQUENCE_NOT_AN_ARRAY: 'InvalidPatch',
  OPERATION_NOT_AN_OBJECT: 'InvalidPatch',
  OPERATION_OP_INVALID: 'InvalidOperation',
  OPERATION_PATH_INVALID: 'InvalidOperation',
  OPERATION_FROM_REQUIRED: 'InvalidOperation',
  OPERATION_VALUE_REQUIRED: 'InvalidOperation',
  OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED: 'InvalidOperation',
  TEST_OPERATION_FAILED: 'TestFailed',
  OPERATION_PATH_CANNOT_ADD: 'PathNotFound',
  OPERATION_PATH_UNRESOLVABLE: 'PathNotFound',
  OPERATION_FROM_UNRESOLVABLE: 'PathNotFound',
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'InvalidIndex',
  OPERATION_VALUE_OUT_OF_BOUNDS: 'InvalidIndex',
};

function translate(err: unknown): PatchError {
  if (err instanceof jsonpatch.JsonPatchError) {
    const reason = REASON_BY_NAME[err.name] ?? 'InvalidOperation';
    const op = (err.operation ?? {}) as { op?: string; path?: string; from?: string };
    return new PatchError(reason, messageFor(reason, op), { cause: err });
  }
  // fast-json-patch throws a plain TypeError when an operation targets __proto__ / constructor.prototype.
  const text = err instanceof Error ? err.message : String(err);
  return new PatchError('InvalidOperation', `json patch operation rejected: ${text}`, { cause: err });
}

function messageFor(reason: PatchErrorReason, op: { op?: string; path?: string; from?: string }): string {
  const path = op.path ?? '';
  switch (reason) {
    case 'TestFailed':
      return `testing value ${path} failed: test failed`;
    case 'PathNotFound':
      if (op.from !== undefined && (op.op === 'move' || op.op === 'copy')) {
        return `${op.op} operation does not apply: doc is missing from path: ${op.from}: missing value`;
      }
      return `${op.op ?? 'patch'} operation does not apply: doc is missing path: ${path}: missing value`;
    case 'InvalidIndex':
      return `Unable to access invalid index: ${path.slice(path.lastIndexOf('/') + 1)}: invalid index referenced`;
    default:
      return `invalid json patch operation ${op.op ?? ''} ${path}`.trim();
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}
