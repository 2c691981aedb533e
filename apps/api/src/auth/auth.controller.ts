import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignJWT } from 'jose';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { ApiProblems } from '../common/openapi.js';
import { WriteRateLimit } from '../common/rate-limit.js';
import { type Actor, CurrentActor, Public } from './actor.js';
import { ActorView, AuthConfigView, DevTokenRequest, DevTokenResponse } from './dev-token.dto.js';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER, SigningKeyService } from './signing-key.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: SigningKeyService,
    private readonly areas: AreasService,
  ) {}

  @Public()
  @Post('dev-token')
  @WriteRateLimit()
  @HttpCode(201)
  @ApiOperation({ operationId: 'issueDevToken', summary: 'Issue a development token (AUTH_MODE=dev only)' })
  @ApiCreatedResponse({ type: DevTokenResponse })
  @ApiProblems(400, 404, 429)
  async issue(@Body() body: DevTokenRequest): Promise<DevTokenResponse> {
    // In OIDC mode this endpoint does not exist.
    if (this.config.authMode !== 'dev' || !this.keys.privateKey) throw DomainError.notFound('endpoint');
    await this.areas.assertKnown(body.areas ?? [], 'areas');
    const expiresIn = this.config.devTokenTtlSeconds;
    const accessToken = await new SignJWT({ name: body.name, roles: body.roles, areas: body.areas ?? [] })
      .setProtectedHeader({ alg: DEV_ALGORITHM, typ: 'JWT' })
      .setSubject(body.sub)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.keys.privateKey);
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  /**
   * How a browser signs in here: with dev tokens, or at the OpenID Provider with the web front
   * end's public client (authorization code flow with PKCE). Public: it is needed before
   * anyone has a token, and it holds nothing secret.
   */
  @Public()
  @Get('config')
  @ApiOperation({ operationId: 'getAuthConfig', summary: 'How a browser signs in (public client settings)' })
  @ApiOkResponse({ type: AuthConfigView })
  signInSettings(): AuthConfigView {
    if (this.config.authMode === 'dev') return { mode: 'dev' };
    return {
      mode: 'oidc',
      issuer: this.config.oidcIssuer!,
      clientId: this.config.oidcClientId,
      scope: this.config.oidcScope,
    };
  }

  /** Who the bearer token says the caller is: lets a client (the web front end) show and check it. */
  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'getCurrentActor', summary: 'The actor the bearer token identifies' })
  @ApiOkResponse({ type: ActorView })
  @ApiProblems(401)
  me(@CurrentActor() actor: Actor): ActorView {
    return { id: actor.id, name: actor.name, roles: actor.roles, areas: actor.areas };
  }
}
