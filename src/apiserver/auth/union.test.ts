import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ApiError, isUnauthorized } from '../../machinery/index.js';
import type { Authenticator } from '../server.js';
import type { UserInfo } from '../registry/context.js';
import { AuthenticationFailed } from './errors.js';
import { ANONYMOUS_USER, unionAuthenticator, userOrAnonymous, withAuthenticatedGroup } from './union.js';

const req = { headers: {}, socket: {} } as unknown as IncomingMessage;
const user = (username: string, groups: string[] = []): Authenticator => ({ authenticate: async () => ({ username, groups }) });
const none: Authenticator = { authenticate: async () => null };
const refuse = (why: string): Authenticator => ({
  authenticate: async () => {
    throw new AuthenticationFailed([why]);
  },
});

async function failure(a: Authenticator): Promise<AuthenticationFailed> {
  const err = await a.authenticate(req).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUnauthorized(err)).toBe(true);
  return err as AuthenticationFailed;
}

describe('unionAuthenticator', () => {
  it('returns the first recognised user, with system:authenticated added once', async () => {
    const u = await unionAuthenticator([none, user('alice', ['devs']), user('bob')]).authenticate(req);
    expect(u).toEqual({ username: 'alice', groups: ['devs', 'system:authenticated'] });
    expect(await unionAuthenticator([user('carol', ['system:authenticated'])]).authenticate(req)).toEqual({ username: 'carol', groups: ['system:authenticated'] });
  });

  it('lets a later authenticator accept what an earlier one refused', async () => {
    expect((await unionAuthenticator([refuse('bad cert'), user('alice')]).authenticate(req))?.username).toBe('alice');
  });

  it('fails with 401 Unauthorized and every refusal when nobody accepts', async () => {
    const err = await failure(unionAuthenticator([refuse('invalid bearer token'), none, refuse('service account token has expired')]));
    expect(err.causes).toEqual(['invalid bearer token', 'service account token has expired']);
    expect(err.toStatus()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });

  it('counts any 401 ApiError as a refusal but lets other errors through', async () => {
    const plain401: Authenticator = {
      authenticate: async () => {
        throw new ApiError(401, 'Unauthorized', 'nope');
      },
    };
    expect((await unionAuthenticator([plain401, user('alice')]).authenticate(req))?.username).toBe('alice');
    const broken: Authenticator = {
      authenticate: async () => {
        throw new TypeError('bug');
      },
    };
    await expect(unionAuthenticator([broken, user('alice')]).authenticate(req)).rejects.toThrow(TypeError);
  });

  it('treats a request without credentials as anonymous, or refuses it when anonymous access is off', async () => {
    expect(await unionAuthenticator([none]).authenticate(req)).toBeNull();
    expect(userOrAnonymous(null)).toEqual({ username: 'system:anonymous', groups: ['system:unauthenticated'] });
    expect((await failure(unionAuthenticator([none], { allowAnonymous: false }))).causes).toEqual(['anonymous requests are not allowed']);
  });
});

describe('withAuthenticatedGroup', () => {
  it('leaves the anonymous user and users already in an all-users group alone', () => {
    expect(withAuthenticatedGroup({ ...ANONYMOUS_USER, groups: [...ANONYMOUS_USER.groups] })).toEqual({ username: 'system:anonymous', groups: ['system:unauthenticated'] });
    const u: UserInfo = { username: 'x', groups: ['system:unauthenticated'] };
    expect(withAuthenticatedGroup(u)).toBe(u);
    expect(withAuthenticatedGroup({ username: 'y', groups: [] }).groups).toEqual(['system:authenticated']);
  });
});
