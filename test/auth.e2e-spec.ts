import { exportJWK, exportSPKI, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

async function publicJwk(keys: KeyPair, kid: string): Promise<JWK> {
  return { ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' };
}

/**
 * A stand-in for the municipality's identity broker (Keycloak in front of DigiD/eHerkenning):
 * discovery and a JWKS, each request counted. `keys` can change (rotation, withdrawal) and
 * `failing` makes both answer 500, as an issuer that is down behind its proxy.
 */
interface FakeIssuer {
  url: string;
  keys: JWK[];
  failing: boolean;
  discoveryRequests: number;
  jwksRequests: number;
  close(): Promise<void>;
}

async function startFakeIssuer(keys: JWK[]): Promise<FakeIssuer> {
  const server = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      issuer.discoveryRequests++;
      if (issuer.failing) return void res.writeHead(500).end('{}');
      res.end(
        JSON.stringify({ issuer: issuer.url, jwks_uri: `${issuer.url}/protocol/openid-connect/certs` }),
      );
    } else if (req.url === '/protocol/openid-connect/certs') {
      issuer.jwksRequests++;
      if (issuer.failing) return void res.writeHead(500).end('{}');
      res.end(JSON.stringify({ keys: issuer.keys }));
    } else {
      res.writeHead(404).end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer: FakeIssuer = {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    keys,
    failing: false,
    discoveryRequests: 0,
    jwksRequests: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return issuer;
}

interface SignOptions {
  key?: KeyPair['privateKey'];
  kid?: string;
  iss?: string;
  aud?: string;
  /** null: no exp claim at all. */
  exp?: string | number | null;
  /** null: no iat claim; a number: this iat. */
  iat?: number | null;
}

function signer(defaults: { key: KeyPair['privateKey']; iss: () => string }) {
  return (claims: JWTPayload = {}, options: SignOptions = {}): Promise<string> => {
    const {
      key = defaults.key,
      kid = 'key-1',
      iss = defaults.iss(),
      aud = AUDIENCE,
      exp = '5m',
      iat,
    } = options;
    const jwt = new SignJWT({
      name: 'Olga Official',
      roles: ['official', 'wizard'],
      areas: ['oost'],
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setSubject('official-1')
      .setIssuer(iss)
      .setAudience(aud);
    if (iat !== null) jwt.setIssuedAt(iat);
    if (exp !== null) jwt.setExpirationTime(exp);
    return jwt.sign(key);
  };
}

describe('auth: OIDC mode, tokens verified against the issuer (JWKS discovery)', () => {
  let fake: FakeIssuer;
  let issuer: string;
  let keys: KeyPair;
  let otherKeys: KeyPair;
  let publicPem: string;
  let t: TestApp;
  let sign: ReturnType<typeof signer>;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256', { extractable: true });
    otherKeys = await generateKeyPair('RS256', { extractable: true });
    publicPem = await exportSPKI(keys.publicKey);
    fake = await startFakeIssuer([await publicJwk(keys, 'key-1')]);
    issuer = fake.url;
    sign = signer({ key: keys.privateKey, iss: () => issuer });
    t = await createTestApp({ AUTH_MODE: 'oidc', OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

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
    expect(fake.jwksRequests).toBeGreaterThan(0);
  });

  it('refuses a validly signed token without an expiry (exp)', async () => {
    const token = await sign({}, { exp: null });
    const res = await t.http.get(ME).set('Authorization', `Bearer ${token}`);
    expectUnauthenticated(res);
    expect(res.body.detail).toMatch(/\bexp\b/);
  });

  it('refuses a token that lives longer than 24 hours (TOKEN_MAX_LIFETIME_SECONDS), counted from iat or from now', async () => {
    const now = Math.floor(Date.now() / 1000);
    const hour = 3600;
    // The control: 23 hours is within the cap.
    await t.http
      .get(ME)
      .set('Authorization', `Bearer ${await sign({}, { iat: now, exp: now + 23 * hour })}`)
      .expect(200);
    // 25 hours from now, issued now.
    const farExp = await sign({}, { iat: now, exp: now + 25 * hour });
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${farExp}`));
    // Without iat, counted from now.
    const noIat = await sign({}, { iat: null, exp: now + 25 * hour });
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${noIat}`));
    // Five minutes left, but issued 25 hours ago: a 25-hour token.
    const oldIat = await sign({}, { iat: now - 25 * hour, exp: now + 300 });
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${oldIat}`));
    // An iat in the future does not stretch the cap: 25 hours from now is too long.
    const futureIat = await sign({}, { iat: now + 2 * hour, exp: now + 25 * hour });
    expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${futureIat}`));
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

describe('auth: while the issuer cannot be reached', () => {
  let fake: FakeIssuer;
  let t: TestApp;
  let sign: ReturnType<typeof signer>;

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256', { extractable: true });
    fake = await startFakeIssuer([await publicJwk(keys, 'key-1')]);
    sign = signer({ key: keys.privateKey, iss: () => fake.url });
    t = await createTestApp({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: fake.url,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_RETRY_MAX_SECONDS: '2',
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const me = (token: string) => t.http.get(ME).set('Authorization', `Bearer ${token}`);

  /** 503 problem+json (not 401: the token may be fine) with a Retry-After in whole seconds. */
  function expectIssuerUnavailable(res: Response): number {
    const body = expectProblem(res, 503);
    expect(body.detail).toMatch(/inlogvoorziening/);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    return Number(res.headers['retry-after']);
  }

  it('asks it at most once per back-off period however many requests come, answers 503 meanwhile, and recovers', async () => {
    fake.failing = true;
    const token = await sign();
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 10 }, () => me(token)));
    for (let i = 0; i < 30; i++) answers.push(await me(token));
    const elapsed = Date.now() - started;
    for (const res of answers) {
      const retryAfter = expectIssuerUnavailable(res);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(2);
    }
    // The first request tries; after a failure the next try waits at least a second. So 40
    // requests in `elapsed` ms may cause 1 + elapsed / 1000 attempts, not 40.
    expect(fake.discoveryRequests).toBeGreaterThanOrEqual(1);
    expect(fake.discoveryRequests).toBeLessThanOrEqual(1 + Math.floor(elapsed / 1000));

    // Each further failure doubles the wait, up to OIDC_RETRY_MAX_SECONDS (2 here). The request
    // that makes an attempt is told the whole wait; it waits that long and tries once more.
    expect(expectIssuerUnavailable(answers[0])).toBe(1);
    let retryAfter = expectIssuerUnavailable(answers[answers.length - 1]);
    for (const expected of [2, 2]) {
      await sleep(retryAfter * 1000 + 100);
      const before = fake.discoveryRequests;
      retryAfter = expectIssuerUnavailable(await me(token));
      expect(fake.discoveryRequests).toBe(before + 1);
      expect(retryAfter).toBe(expected);
    }
    expect(fake.jwksRequests).toBe(0);

    // The issuer is back: after the wait it was told, the client gets in, and the keys are
    // then used from the cache.
    fake.failing = false;
    await sleep(retryAfter * 1000 + 100);
    await me(token).expect(200);
    await me(await sign({ name: 'Another Token' })).expect(200);
    expect(fake.jwksRequests).toBe(1);
  });

  it('documents the 503 on every operation behind a bearer token', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.paths['/auth/me'].get.responses['503']).toBeDefined();
  });
});

describe('auth: a signing key the issuer withdraws', () => {
  const MAX_AGE_SECONDS = 1;
  let fake: FakeIssuer;
  let t: TestApp;
  let sign: ReturnType<typeof signer>;
  let rotatedKeys: KeyPair;

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256', { extractable: true });
    rotatedKeys = await generateKeyPair('RS256', { extractable: true });
    fake = await startFakeIssuer([await publicJwk(keys, 'key-1'), await publicJwk(rotatedKeys, 'key-2')]);
    sign = signer({ key: keys.privateKey, iss: () => fake.url });
    t = await createTestApp({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: fake.url,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_MAX_AGE_SECONDS: String(MAX_AGE_SECONDS),
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const me = (token: string) => t.http.get(ME).set('Authorization', `Bearer ${token}`);

  it('is not honoured once OIDC_JWKS_MAX_AGE_SECONDS have passed, not even for a token verified (and remembered) before', async () => {
    const token = await sign();
    await me(token).expect(200);
    await me(token).expect(200); // now remembered as verified
    fake.keys = fake.keys.filter((k) => k.kid !== 'key-1');
    await sleep(MAX_AGE_SECONDS * 1000 + 200);
    expectUnauthenticated(await me(token));
    expectUnauthenticated(await me(await sign({ name: 'Signed Later' })));
    // The key that stays is still honoured.
    await me(await sign({}, { key: rotatedKeys.privateKey, kid: 'key-2' })).expect(200);
  });
});

describe('auth: dev mode, tokens signed with a key kept in DATA_DIR', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wijkflow-auth-'));
  const otherDataDir = mkdtempSync(path.join(tmpdir(), 'wijkflow-auth-other-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDataDir, { recursive: true, force: true });
  });

  async function signWithDevKey(claims: JWTPayload, sub?: string, expires = true): Promise<string> {
    const key = createPrivateKey(readFileSync(path.join(dataDir, 'dev-signing-key.pem'), 'utf8'));
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('wijkflow-dev')
      .setAudience('wijkflow');
    if (expires) jwt.setExpirationTime('5m');
    return (sub ? jwt.setSubject(sub) : jwt).sign(key);
  }

  // Three apps on data directories on disk, each migrating its own: slow on a loaded machine.
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
  }, 180_000);

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

    it('refuses a token without an expiry (exp), though signed with its key', async () => {
      const token = await signWithDevKey({ roles: ['council'] }, 'council-1', false);
      expectUnauthenticated(await t.http.get(ME).set('Authorization', `Bearer ${token}`));
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
