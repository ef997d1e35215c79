/**
 * Errors of the authentication layer. A request with bad credentials fails with `AuthenticationFailed`, an ApiError
 * 401 whose Status says only "Unauthorized" (as Kubernetes', which never tells the client why); the reasons are kept
 * in `causes` for the server's log. Broken configuration (PKI files, token file, keys) fails with `AuthSetupError`
 * when it is loaded, never per request.
 */
import { ApiError } from '../../machinery/index.js';

/** 401 Unauthorized. `toStatus()` renders `{"message":"Unauthorized","reason":"Unauthorized","code":401}`. */
export class AuthenticationFailed extends ApiError {
  /** Why each authenticator refused, for logs only (never sent to the client). */
  readonly causes: readonly string[];

  constructor(causes: readonly string[]) {
    super(401, 'Unauthorized', 'Unauthorized');
    this.causes = causes;
  }
}

export function isAuthenticationFailed(err: unknown): err is AuthenticationFailed {
  return err instanceof AuthenticationFailed;
}

export type AuthSetupErrorKind = 'Pki' | 'TokenFile' | 'Key' | 'Argument';

/** Configuration that cannot be used: a malformed token file, a PKI directory in an unusable state, a bad key. */
export class AuthSetupError extends Error {
  override readonly name = 'AuthSetupError';

  constructor(
    readonly kind: AuthSetupErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A short description of anything thrown, for `causes`. */
export function describe(err: unknown): string {
  if (err instanceof AuthenticationFailed) return err.causes.join('; ');
  if (err instanceof Error) return err.message;
  return String(err);
}
