import { type INestApplication, NotFoundException, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import { DomainError } from '../../../libs/domain/src/index.js';
import { assertAllStatesReachable } from '../../../libs/workflows/src/index.js';
import { AppModule } from './app.module.js';
import { DEV_TOKEN_PATH, devTokenSwitchedOff } from './auth/dev-token-switch.js';
import { API_VERSION } from './common/api-version.js';
import { answerShapeRefusal, verifyJsonShape } from './common/body-shape.js';
import { type AppConfig, APP_CONFIG } from './common/config.js';
import { HTTP_LOGGER, type HttpLogger } from './common/logging.js';
import { NestPinoLogger } from './common/nest-logger.js';
import { buildOpenApi } from './common/openapi.js';
import { sendProblem } from './common/problem.filter.js';
import { StorableTextPipe } from './common/storable-text.pipe.js';
import { invalidParams } from './common/validation.js';
import { webStatic } from './web/web-static.js';
import { imageSources } from './web/web-theme.js';

/** Everything about the HTTP surface that is not a route: shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const logger = app.get(NestPinoLogger);
  app.useLogger(logger);
  // First, so that every request gets a request id and a log line, even those refused early.
  app.use(logger.middleware(app.get<HttpLogger>(HTTP_LOGGER)));
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // upgrade-insecure-requests only on a secure connection: on plain http (a laptop, a LAN
  // address) it sent the browser to https for every stylesheet and script, which no one serves.
  const imgSrc = imageSources(config.theme);
  // In OIDC mode the web front end talks to the issuer itself (discovery, token, end_session).
  const connectSrc = ["'self'", ...(config.authMode === 'oidc' ? [new URL(config.oidcIssuer!).origin] : [])];
  const overTls = helmet({ contentSecurityPolicy: { directives: { imgSrc, connectSrc } } });
  const overHttp = helmet({
    contentSecurityPolicy: { directives: { imgSrc, connectSrc, upgradeInsecureRequests: null } },
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.secure ? overTls : overHttp)(req, res, next),
  );
  // The web front end at / (static files under helmet's CSP); everything else passes to the API.
  const web = webStatic(config.theme);
  if (web) app.use(web);
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('API-Version', API_VERSION);
    res.setHeader('Cache-Control', 'no-store');
    // Paths are exact: a trailing slash is a different, unknown resource. Outside the API and
    // /health (and the web files served above) nothing exists either.
    const trailingSlash = req.path.length > 1 && req.path.endsWith('/');
    const outsideApi = !req.path.startsWith('/api/v1/') && req.path !== '/api/v1' && req.path !== '/health';
    // The same problem as Nest's own answer to an unknown route under /api/v1.
    if (trailingSlash || outsideApi) {
      sendProblem(res, new NotFoundException());
      return;
    }
    next();
  });
  // Before the parser: a body sent to an endpoint that is switched off is never parsed.
  const devTokenOff = devTokenSwitchedOff(config);
  if (devTokenOff) app.use(DEV_TOKEN_PATH, devTokenOff);
  // Every body is bounded in depth, keys, array length and values on its bytes, before
  // JSON.parse and anything after it (see body-shape.ts), and refused at once when over.
  // Nest leaves `verify` out of the options' type only because it sets it itself with
  // rawBody, which this app does not use; an options object that is not a literal passes it.
  const jsonOptions = { limit: '1mb', verify: verifyJsonShape };
  app.useBodyParser('json', jsonOptions);
  app.use(answerShapeRefusal);
  app.setGlobalPrefix('api/v1', { exclude: ['health'] });
  app.useGlobalPipes(
    new StorableTextPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      // The target lets invalidParams read a constraint's arguments (Length's bounds); it is not sent.
      validationError: { target: true, value: false },
      exceptionFactory: (errors) => DomainError.invalid(invalidParams(errors)),
    }),
  );
  app.enableShutdownHooks();
  // Built on the first request for it, not at start-up (4% of an embedded start measured).
  SwaggerModule.setup('api/v1/docs', app, () => buildOpenApi(app as INestApplication), {
    jsonDocumentUrl: 'api/v1/openapi.json',
    yamlDocumentUrl: 'api/v1/openapi.yaml',
  });
  // connectionsCheckingInterval is a createServer option that @types/node does not list as a
  // property; Node reads the property when listening starts.
  const server = app.getHttpServer() as Server & { connectionsCheckingInterval: number };
  // A client gets REQUEST_TIMEOUT_MS to send its whole request (headers within at most a
  // minute), then 408 and a closed connection: slow senders cannot hold connections. Node
  // checks these timeouts every connectionsCheckingInterval (30 s by default, read when the
  // server starts listening), so check often enough for the limit to mean something.
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(config.requestTimeoutMs, 60000);
  server.connectionsCheckingInterval = Math.min(30000, Math.max(100, config.requestTimeoutMs / 4));
}

export async function createApp(): Promise<NestExpressApplication> {
  assertAllStatesReachable();
  const app = await NestFactory.create<NestExpressApplication>(await AppModule.forRoot(), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  configureApp(app);
  return app;
}
