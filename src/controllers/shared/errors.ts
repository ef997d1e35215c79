/**
 * ControllerError: the typed error of the controllers module. `reason` is machine-readable; callers branch on it
 * (or on `isControllerError(err, reason)`), never on the message. API failures stay ApiErrors (see machinery).
 */
export type ControllerErrorReason =
  /** A selector on a controller object could not be turned into a label selector. */
  | 'InvalidSelector'
  /** Adoption refused: the owner is gone (uid changed) or is being deleted. */
  | 'AdoptionRefused'
  /** Several claims (adopt/release) failed; `errors` holds each one. */
  | 'ClaimFailed'
  /** A deployment names a strategy type the controller does not know. */
  | 'UnsupportedStrategy'
  /** A value (maxSurge, maxUnavailable, an annotation) could not be interpreted. */
  | 'InvalidValue'
  /** The controller manager was given a name it has no factory for, or was misconfigured. */
  | 'InvalidConfig';

export class ControllerError extends Error {
  override readonly name = 'ControllerError';
  readonly reason: ControllerErrorReason;
  /** The individual failures of a `ClaimFailed` error (empty otherwise). */
  readonly errors: readonly unknown[];

  constructor(reason: ControllerErrorReason, message: string, options: { cause?: unknown; errors?: readonly unknown[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.errors = options.errors ?? [];
  }
}

export function isControllerError(err: unknown, reason?: ControllerErrorReason): err is ControllerError {
  return err instanceof ControllerError && (reason === undefined || err.reason === reason);
}

/** The message of any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
