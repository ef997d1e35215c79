import { writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isUnauthorized } from '../../machinery/index.js';
import { AuthSetupError } from './errors.js';
import { parseTokenFile, tokenFileAuthenticator } from './token-file.js';
import { TempDirs } from './testing/tls-fixtures.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

function req(headers: Record<string, string>): IncomingMessage {
  return { headers: { ...headers }, socket: {} } as unknown as IncomingMessage;
}

function parseError(text: string): string {
  try {
    parseTokenFile(text, '/etc/tokens.csv');
  } catch (err) {
    expect(err).toBeInstanceOf(AuthSetupError);
    return (err as Error).message;
  }
  throw new Error('expected a parse error');
}

describe('parseTokenFile', () => {
  it('reads token, user, uid and quoted comma-separated groups, skipping blank lines and CRLF endings', () => {
    const tokens = parseTokenFile('t1,alice,uid-1,"devs,ops"\r\n\n t2 ,bob,,\nt3,carol,uid-3,admins,ignored\nt4,"da""ve",uid-4', 'f');
    expect(tokens.get('t1')).toEqual({ username: 'alice', uid: 'uid-1', groups: ['devs', 'ops'] });
    // Whitespace is part of a field, and an empty 4th field is one empty group, as in Kubernetes.
    expect(tokens.get(' t2 ')).toEqual({ username: 'bob', groups: [''] });
    expect(tokens.get('t3')).toEqual({ username: 'carol', uid: 'uid-3', groups: ['admins'] });
    expect(tokens.get('t4')).toEqual({ username: 'da"ve', uid: 'uid-4', groups: [] });
    expect(tokens.size).toBe(4);
  });

  it('keeps the last of duplicate tokens and skips empty ones, with Kubernetes warnings', () => {
    const warnings: string[] = [];
    const tokens = parseTokenFile('a,one,1\n,nobody,2\na,two,3\n', '/t.csv', { onWarning: (w) => warnings.push(w) });
    expect(tokens.get('a')?.username).toBe('two');
    expect(tokens.size).toBe(1);
    expect(warnings).toEqual([
      "empty token has been found in token file '/t.csv', record number '2'",
      "duplicate token has been found in token file '/t.csv', record number '3'",
    ]);
  });

  it('accepts a quoted field spanning lines', () => {
    expect(parseTokenFile('tok,"multi\nline",u\n', 'f').get('tok')?.username).toBe('multi\nline');
  });

  it("reports records with fewer than 3 columns with Kubernetes' message", () => {
    expect(parseError('good,user,uid\ntok,user\n')).toBe("token file '/etc/tokens.csv' must have at least 3 columns (token, user name, user uid), found 2");
    expect(parseError(' \n')).toBe("token file '/etc/tokens.csv' must have at least 3 columns (token, user name, user uid), found 1");
  });

  it("reports malformed quoting with Go's encoding/csv messages and 1-based byte columns", () => {
    expect(parseError('abc,al"ice,1\n')).toBe('parse error on line 1, column 7: bare " in non-quoted-field');
    expect(parseError('\n\ntök,al"ice,1\n')).toBe('parse error on line 3, column 8: bare " in non-quoted-field');
    expect(parseError('"abc"x,alice,1\n')).toBe('parse error on line 1, column 5: extraneous or missing " in quoted-field');
    expect(parseError('tok,user,"uid')).toBe('parse error on line 1, column 14: extraneous or missing " in quoted-field');
    expect(parseError('tok,user,"uid\n')).toBe('parse error on line 1, column 15: extraneous or missing " in quoted-field');
    expect(parseError('a,b,"c\nd"e\n')).toBe('record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field');
  });
});

describe('tokenFileAuthenticator', () => {
  const path = join(dirs.make(), 'tokens.csv');
  writeFileSync(path, 'secret,alice,uid-1,"devs"\n');
  const auth = tokenFileAuthenticator(path);

  it('authenticates a known bearer token and removes it from the request', async () => {
    const r = req({ authorization: 'Bearer secret' });
    expect(await auth.authenticate(r)).toEqual({ username: 'alice', uid: 'uid-1', groups: ['devs', 'system:authenticated'] });
    expect(r.headers.authorization).toBeUndefined();
    expect(await auth.authenticate(req({ authorization: 'bearer secret' }))).not.toBeNull();
  });

  it('refuses an unknown bearer token with 401', async () => {
    const err = await auth.authenticate(req({ authorization: 'Bearer other' })).catch((e: unknown) => e);
    expect(isUnauthorized(err)).toBe(true);
  });

  it('ignores requests without a bearer token, other schemes and empty tokens', async () => {
    expect(await auth.authenticate(req({}))).toBeNull();
    expect(await auth.authenticate(req({ authorization: 'Basic YTpi' }))).toBeNull();
    expect(await auth.authenticate(req({ authorization: 'Bearer  secret' }))).toBeNull();
  });

  it('reads the token of a WebSocket upgrade from its subprotocol and strips it after success', async () => {
    const encoded = Buffer.from('secret').toString('base64url');
    const r = req({
      upgrade: 'websocket',
      connection: 'Upgrade',
      'sec-websocket-protocol': `base64url.bearer.authorization.k8s.io.${encoded}, v5.channel.k8s.io`,
    });
    expect((await auth.authenticate(r))?.username).toBe('alice');
    expect(r.headers['sec-websocket-protocol']).toBe('v5.channel.k8s.io');
    const alone = req({ upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-protocol': `base64url.bearer.authorization.k8s.io.${encoded}` });
    const err = await auth.authenticate(alone).catch((e: unknown) => e);
    expect(isUnauthorized(err)).toBe(true);
  });

  it('fails at load time for a malformed file', () => {
    const bad = join(dirs.make(), 'bad.csv');
    writeFileSync(bad, 'only,two\n');
    expect(() => tokenFileAuthenticator(bad)).toThrow(`token file '${bad}' must have at least 3 columns (token, user name, user uid), found 2`);
  });
});
