// A real OpenID Provider for the tests (the `oidc-provider` package), on a loopback port: the
// authorization code flow with PKCE for a public client, its development login and consent
// pages, refresh tokens, end_session, and access tokens as JWTs (RFC 9068) for the API's
// audience with the claims the API reads (sub, name, roles, areas).
import { exportJWK, generateKeyPair } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  name: string;
  roles: string[];
  areas: string[];
}

export interface TestProvider {
  issuer: string;
  /** Registers the web front end at `appUrl` as the public client and starts answering. */
  start(appUrl: string): Promise<void>;
  close(): Promise<void>;
}

export interface ProviderOptions {
  clientId: string;
  /** The `aud` of the access tokens: the API's OIDC_AUDIENCE. */
  audience: string;
  accessTokenSeconds: number;
  /** By login name (the development login page takes any password). */
  accounts: Record<string, TestAccount>;
}

/** The resource indicator of the API: every access token of the client is for it. */
const API_RESOURCE = 'urn:wijkflow:api';

/**
 * Listens at once, so that the issuer URL is known before the app under test is configured;
 * answers only after start(appUrl), when the client's redirect URIs can be registered.
 */
export async function openIdProvider(options: ProviderOptions): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-1' };
  const account = (sub: string) => options.accounts[sub];

  return {
    issuer,
    async start(appUrl: string) {
      const home = `${appUrl}/`;
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: options.clientId,
            token_endpoint_auth_method: 'none',
            application_type: 'web',
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            redirect_uris: [home],
            post_logout_redirect_uris: [home],
          },
        ],
        jwks: { keys: [signingKey] },
        cookies: { keys: ['wijkflow-test-cookie-key'] },
        claims: { openid: ['sub'], profile: ['name'] },
        pkce: { required: () => true },
        async findAccount(_ctx, sub) {
          const found = account(sub);
          if (!found) return undefined;
          return { accountId: sub, claims: async () => ({ sub, name: found.name }) };
        },
        // A public client in a browser gets a refresh token to renew its access token with.
        issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
        async extraTokenClaims(_ctx, token) {
          const found = 'accountId' in token && token.accountId ? account(token.accountId) : undefined;
          return found ? { name: found.name, roles: found.roles, areas: found.areas } : undefined;
        },
        features: {
          devInteractions: { enabled: true },
          rpInitiatedLogout: { enabled: true },
          resourceIndicators: {
            enabled: true,
            defaultResource: async () => API_RESOURCE,
            useGrantedResource: async () => true,
            getResourceServerInfo: async () => ({
              scope: 'wijkflow',
              audience: options.audience,
              accessTokenTTL: options.accessTokenSeconds,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'RS256' } },
            }),
          },
        },
      });
      server.on('request', provider.callback());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
