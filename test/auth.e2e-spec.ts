import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const AUDIENCE = 'wijkflow';
const ME = '/api/v1/auth/me';

function expectUnauthenticated(res: Response): void {
  expectProblem(res, 401);
  expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('auth: OIDC mode, tokens verified against the issuer (JWKS discovery)', () => {
  let issuerServer: Server;
  let issuer: string;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let otherKeys: Awaited<ReturnType<typeof generateKeyPair>>;
  let publicPem: string;
  let t: TestApp;
  let jwksRequests = 0;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256', { extractable: true });
    otherKeys = await generateKeyPair('RS256', { extractable: true });
    publicPem = await exportSPKI(keys.publicKey);
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    // A stand-in for the municipality's identity broker (Keycloak in front of DigiD/eHerkenning).
    issuerServer = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }));
      } else if (req.url === '/protocol/openid-connect/certs') {
        jwksRequests++;
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(issuerServer.address() as { port: number }).port}`;
    t = await createTestApp({ AUTH_MODE: 'oidc', OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => issuerServer?.close(resolve));
  });

  function sign(
    claims: JWTPayload = {},
    {
      key = keys.privateKey,
      kid = 'key-1',
      iss = issuer,
      aud = AUDIENCE,
      exp = '5m' as string | number,
    } = {},
  ): Promise<string> {
    return new SignJWT({ name: 'Olga Official', roles: ['official', 'wizard'], areas: ['oost'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setSubject('official-1')
      .setIssuer(iss)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);
  }

  it('accepts a valid token and makes an Actor of its claims (unknown roles dropped)', async () => {
    const res = await t.http
      .get(ME)
      .set('Authorization', `Bearer ${await sign()}`)
      .expect(200);
    expect(res.body).toEqual({
      id: 'official-1',
      name: 'Olga Official',
      roles: ['official'],
      areas: ['oost'],
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('refuses a request without a token', async () => {
    expectUnauthenticated(await t.http.get(ME));
  });

  it('refuses a token for another audience', async () => {
    expectUnauthenticated(
      await t.http.get(ME).set('Authorization', `Bearer ${await sign({}, { aud: 'other-app' })}`),
    );
  });

  it('refuses a token from another issuer', async () => {
    const token = await sign({}, { iss: 'https://evil.example.org' });
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${token}`));
  });

  it('refuses an expired token', async () => {
    const token = await sign({}, { exp: Math.floor(Date.now() / 1000) - 120 });
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${token}`));
  });

  it('stops accepting a token when it expires, though it was accepted (and remembered) before', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await sign({}, { exp });
    await t.http.get(ME).set('Authorization', `Bearer ${token}`).expect(200);
    await t.http.get(ME).set('Authorization', `Bearer ${token}`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 100));
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${token}`));
  });

  it('remembers a verified token by its exact text: a forged copy with another payload is checked and refused', async () => {
    const token = await sign();
    await t.http.get(ME).set('Authorization', `Bearer ${token}`).expect(200);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${b64url({ sub: 'official-1', roles: ['council'], iss: issuer, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })}.${signature}`;
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${forged}`));
  });

  it('refuses a token signed by another key under the same key id', async () => {
    const token = await sign({}, { key: otherKeys.privateKey });
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${token}`));
  });

  it('refuses a token whose key id the issuer does not publish', async () => {
    const token = await sign({}, { key: otherKeys.privateKey, kid: 'key-unknown' });
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${token}`));
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      sub: 'official-1',
      roles: ['council'],
      iss: issuer,
      aud: AUDIENCE,
      iat: now,
      exp: now + 300,
    };
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${token}`));
  });

  it('refuses HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    const token = await new SignJWT({ roles: ['council'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setSubject('official-1')
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(publicPem));
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${token}`));
  });

  it('refuses a valid signature on a token without a subject', async () => {
    const token = await new SignJWT({ roles: ['council'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(keys.privateKey);
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${token}`));
  });

  it('has no dev-token endpoint (404)', async () => {
    expectProblem(
      await t.http.post('/api/v1/auth/dev-token').send({ sub: 'x', name: 'X', roles: ['council'] }),
      404,
    );
  });
});

describe('auth: dev mode, tokens signed with a key kept in DATA_DIR', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wijkflow-auth-'));
  const otherDataDir = mkdtempSync(path.join(tmpdir(), 'wijkflow-auth-other-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDataDir, { recursive: true, force: true });
  });

  async function signWithDevKey(claims: JWTPayload, sub?: string): Promise<string> {
    const key = createPrivateKey(readFileSync(path.join(dataDir, 'dev-signing-key.pem'), 'utf8'));
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('wijkflow-dev')
      .setAudience('wijkflow')
      .setExpirationTime('5m');
    return (sub ? jwt.setSubject(sub) : jwt).sign(key);
  }

  it('keeps its signing key across a restart: a token issued before still works after', async () => {
    const before = await createTestApp({ DATA_DIR: dataDir });
    let token: string;
    try {
      token = await before.token('alderman-1', ['alderman'], ['west'], 'Wethouder Wim');
      const me = await before.http.get(ME).set('Authorization', `Bearer ${token}`).expect(200);
      expect(me.body).toEqual({
        id: 'alderman-1',
        name: 'Wethouder Wim',
        roles: ['alderman'],
        areas: ['west'],
      });
    } finally {
      await before.close();
    }
    // The key file is private to the app's user.
    expect(statSync(path.join(dataDir, 'dev-signing-key.pem')).mode & 0o777).toBe(0o600);

    const after = await createTestApp({ DATA_DIR: dataDir });
    try {
      await after.http.get(ME).set('Authorization', `Bearer ${token}`).expect(200);
    } finally {
      await after.close();
    }

    // An app with another DATA_DIR has another key, and refuses the token.
    const elsewhere = await createTestApp({ DATA_DIR: otherDataDir });
    try {
      expectUnauthenticated(await elsewhere.http.get(ME).set('Authorization', `Bearer ${token}`));
    } finally {
      await elsewhere.close();
    }
  });

  describe('tokens it refuses', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ DATA_DIR: dataDir });
    });
    afterAll(async () => {
      await t.close();
    });

    it('accepts a token signed with its key (the control for the cases below)', async () => {
      const token = await signWithDevKey({ roles: ['resident'] }, 'resident-7');
      const res = await t.http.get(ME).set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.body).toEqual({ id: 'resident-7', name: 'resident-7', roles: ['resident'], areas: [] });
    });

    it('refuses a token without a sub, or with an empty one', async () => {
      expectUnauthenticated(
        await t.http.get(ME).set('Authorization', `Bearer ${await signWithDevKey({ roles: ['council'] })}`),
      );
      const empty = await signWithDevKey({ sub: '', roles: ['council'] });
      expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${empty}`));
    });

    it.each([
      ['garbage', 'Bearer not-a-token'],
      ['three dots of garbage', 'Bearer abc.def.ghi'],
      ['an empty bearer', 'Bearer '],
      ['another scheme', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l'],
    ])('refuses %s', async (_, header) => {
      expectUnauthenticated(await t.http.get(ME).set('Authorization', header));
    });
  });
});
