/**
 * Kubernetes' static token file (`--token-auth-file`): CSV records `token,user,uid[,"group1,group2"]`, read with Go's
 * CSV rules (see csv.ts). Malformed files fail at load time with Kubernetes' messages; the file is never re-read.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { UserInfo } from '../registry/context.js';
import { consumeToken, requestToken } from './credentials.js';
import { CsvParseError, readCsv } from './csv.js';
import { AuthSetupError, AuthenticationFailed } from './errors.js';
import { withAuthenticatedGroup } from './union.js';

export interface TokenFileOptions {
  /** Receives Kubernetes' warnings (empty and duplicate tokens); both are tolerated. */
  onWarning?: (message: string) => void;
}

/**
 * The users of a token file's text, by token. Records with fewer than 3 fields are an error; a 4th field is split on
 * commas into groups (as Kubernetes does, an empty 4th field is one empty group name); further fields are ignored.
 * Empty tokens are skipped and a repeated token keeps the last record, each with a warning.
 * Throws AuthSetupError (kind `TokenFile`) with Go's CSV error or Kubernetes' column-count message.
 */
export function parseTokenFile(text: string, path: string, opts: TokenFileOptions = {}): Map<string, UserInfo> {
  let records;
  try {
    records = readCsv(text);
  } catch (err) {
    if (err instanceof CsvParseError) throw new AuthSetupError('TokenFile', err.message, { cause: err });
    throw err;
  }
  const tokens = new Map<string, UserInfo>();
  let recordNum = 0;
  for (const { fields } of records) {
    if (fields.length < 3) {
      throw new AuthSetupError(
        'TokenFile',
        `token file '${path}' must have at least 3 columns (token, user name, user uid), found ${fields.length}`,
      );
    }
    recordNum++;
    const [token, username, uid, groups] = fields as [string, string, string, string | undefined];
    if (token === '') {
      opts.onWarning?.(`empty token has been found in token file '${path}', record number '${recordNum}'`);
      continue;
    }
    if (tokens.has(token)) {
      opts.onWarning?.(`duplicate token has been found in token file '${path}', record number '${recordNum}'`);
    }
    const user: UserInfo = { username, groups: groups === undefined ? [] : groups.split(',') };
    if (uid !== '') user.uid = uid;
    tokens.set(token, user);
  }
  return tokens;
}

/** An authenticator for bearer tokens; `authenticateToken` answers null for a token it does not know. */
export interface TokenAuthenticator {
  authenticate(req: IncomingMessage): Promise<UserInfo | null>;
  authenticateToken(token: string): Promise<UserInfo | null>;
}

/**
 * Wraps a token check into a request authenticator the way Kubernetes' bearer-token filter does: no token → null;
 * a token the check does not know → 401 ("invalid bearer token"); a known one → its user plus
 * `system:authenticated`, and the token is removed from the request.
 */
export function bearerAuthenticator(check: (token: string) => Promise<UserInfo | null>): TokenAuthenticator {
  return {
    authenticateToken: check,
    async authenticate(req) {
      const t = requestToken(req);
      if (!t) return null;
      const user = await check(t.token);
      if (!user) throw new AuthenticationFailed(['invalid bearer token']);
      consumeToken(req, t);
      return withAuthenticatedGroup(user);
    },
  };
}

/** Loads `path` now (throwing AuthSetupError / the fs error when it is unusable) and authenticates its tokens. */
export function tokenFileAuthenticator(path: string, opts: TokenFileOptions = {}): TokenAuthenticator {
  const tokens = parseTokenFile(readFileSync(path, 'utf8'), path, opts);
  return bearerAuthenticator(async (token) => {
    const user = tokens.get(token);
    return user ? { ...user, groups: [...user.groups] } : null;
  });
}
