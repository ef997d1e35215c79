/**
 * PatchError: the one error type every patch function in this folder throws. Callers branch on `reason` (or use the
 * `isPatchError*` helpers), never on the message. `code` is the HTTP status Kubernetes' API server answers with for
 * the same failure (k8s.io/apiserver pkg/endpoints/handlers/patch.go):
 *   - JSON Patch: a body that does not decode as a list of operation objects → 400; any failure while applying the
 *     operations (test failed, missing path, bad operation) → 422; more than 10,000 operations → 413.
 *   - JSON merge patch: a body that is not a JSON document → 400.
 *   - Strategic merge patch: a bad document and malformed `$deleteFromPrimitiveList` / `$retainKeys` /
 *     `$setElementOrder` directives → 400; lists of lists → 422; anything else (missing merge key, unknown `$patch`
 *     value, order mismatch, type mismatch) is passed through unconverted by Kubernetes and so surfaces as a 500 with
 *     reason Unknown.
 *   - Three-way patch conflicts are a client-side (kubectl apply) outcome; they carry 409.
 */

export type PatchErrorReason =
  /** The document being patched is not a JSON object. */
  | 'InvalidDocument'
  /** The patch itself is malformed: not decodable, or a directive with the wrong shape. */
  | 'InvalidPatch'
  /** A JSON Patch operation is malformed (unknown `op`, missing `path`/`value`/`from`, move into itself, ...). */
  | 'InvalidOperation'
  /** A JSON Patch `test` operation did not match. */
  | 'TestFailed'
  /** A JSON Patch operation refers to a location that does not exist. */
  | 'PathNotFound'
  /** A JSON Patch operation uses an array index that is not a number or is out of bounds. */
  | 'InvalidIndex'
  /** A JSON Patch has more operations than the API server accepts. */
  | 'TooManyOperations'
  /** Strategic merge patch: a list whose elements are lists. */
  | 'ListOfLists'
  /** Strategic merge patch: a map in a merging list lacks the list's merge key. */
  | 'MissingMergeKey'
  /** Strategic merge patch: any other failure to merge (unknown `$patch`, order mismatch, mixed element types). */
  | 'MergeFailed'
  /** Three-way merge patch without overwrite: the live object changed a field the new configuration also changes. */
  | 'Conflict'
  /** A PatchSchema was declared with an impossible strategy combination. A programming error. */
  | 'InvalidSchema';

const HTTP_CODE: Record<PatchErrorReason, number> = {
  InvalidDocument: 400,
  InvalidPatch: 400,
  InvalidOperation: 422,
  TestFailed: 422,
  PathNotFound: 422,
  InvalidIndex: 422,
  TooManyOperations: 413,
  ListOfLists: 422,
  MissingMergeKey: 500,
  MergeFailed: 500,
  Conflict: 409,
  InvalidSchema: 500,
};

export class PatchError extends Error {
  override readonly name = 'PatchError';
  readonly reason: PatchErrorReason;
  /** The HTTP status Kubernetes answers with for this failure (see the module comment). */
  readonly code: number;

  constructor(reason: PatchErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.code = HTTP_CODE[reason];
  }
}

export function isPatchError(err: unknown, reason?: PatchErrorReason): err is PatchError {
  return err instanceof PatchError && (reason === undefined || err.reason === reason);
}
