/**
 * Combining authenticators the way kube-apiserver does: a union where the first authenticator that recognises the
 * request's credentials wins, `system:authenticated` added to every authenticated user, and anonymous access for
 * requests that carry no credentials at all.
 */
import type { IncomingMessage } from 'node:http';
import type { Authenticator } from '../server.js';
import type { UserInfo } from '../registry/context.js';
import { isUnauthorized } from '../../machinery/index.js';
import { AuthenticationFailed, describe } from './errors.js';

export const ANONYMOUS_USERNAME = 'system:anonymous';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ALL_AUTHENTICATED = 'system:authenticated';

/** The user of a request without credentials (when anonymous access is on). */
export const ANONYMOUS_USER: Readonly<UserInfo> = Object.freeze({ username: ANONYMOUS_USERNAME, groups: [ALL_UNAUTHENTICATED] });

/** `user`, or the anonymous user for null: what an authorizer sees. */
export function userOrAnonymous(user: UserInfo | null | undefined): UserInfo {
  return user ?? { username: ANONYMOUS_USER.username, groups: [...ANONYMOUS_USER.groups] };
}

/**
 * Kubernetes' AuthenticatedGroupAdder: appends `system:authenticated` unless the user is anonymous or already carries
 * `system:authenticated` / `system:unauthenticated`. Returns a new object; idempotent.
 */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.username === ANONYMOUS_USERNAME) return user;
  if (user.groups.includes(ALL_AUTHENTICATED) || user.groups.includes(ALL_UNAUTHENTICATED)) return user;
  return { ...user, groups: [...user.groups, ALL_AUTHENTICATED] };
}

export interface UnionOptions {
  /** Requests without credentials are anonymous (null); false makes them 401, like `--anonymous-auth=false`. */
  allowAnonymous?: boolean;
}

/**
 * Tries each authenticator in order. The first to return a user wins (credentials another one refused do not matter
 * then, as in Kubernetes' union). When none returns a user: if any refused the credentials (threw), the request fails
 * with 401 `Unauthorized`, listing every refusal in `causes`; a bad bearer token is never treated as anonymous.
 * Otherwise the request carried no credentials anyone recognised and is anonymous (null), or 401 when anonymous access
 * is off. Only 401 ApiErrors count as refusals; anything else thrown (a bug) propagates unchanged.
 */
export function unionAuthenticator(authenticators: readonly Authenticator[], opts: UnionOptions = {}): Authenticator {
  const allowAnonymous = opts.allowAnonymous ?? true;
  return {
    async authenticate(req: IncomingMessage): Promise<UserInfo | null> {
      const refusals: string[] = [];
      for (const a of authenticators) {
        let user: UserInfo | null;
        try {
          user = await a.authenticate(req);
        } catch (err) {
          if (!isUnauthorized(err)) throw err;
          refusals.push(describe(err));
          continue;
        }
        if (user) return withAuthenticatedGroup(user);
      }
      if (refusals.length > 0) throw new AuthenticationFailed(refusals);
      if (!allowAnonymous) throw new AuthenticationFailed(['anonymous requests are not allowed']);
      return null;
    },
  };
}
