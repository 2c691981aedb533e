import { reason } from '../common/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { ROLES, type Role } from '../../../../libs/workflows/src/index.js';

export class DevTokenRequest {
  @ApiProperty({ description: 'Stable, pseudonymous id of the actor', example: 'resident-1' })
  @IsString()
  @Length(1, 200)
  @Matches(/^[\w.:@-]+$/, { message: reason('subjectCharacters') })
  sub!: string;

  @ApiProperty({ example: 'Anna de Vries' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['resident'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES as unknown as Role[], { each: true })
  roles!: Role[];

  @ApiPropertyOptional({
    type: [String],
    example: ['centrum'],
    description: 'Area codes the official or alderman works for',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  areas?: string[];
}

export class DevTokenResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ example: 3600, description: 'Seconds until the token expires' }) expiresIn!: number;
}

export class ActorView {
  @ApiProperty({ description: "Stable id of the actor (the token's sub)", example: 'resident-1' })
  id!: string;
  @ApiProperty({ example: 'Anna de Vries' }) name!: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['resident'] }) roles!: Role[];
  @ApiProperty({ type: [String], example: ['centrum'], description: 'Area codes the actor works for' })
  areas!: string[];
}

/** What a browser needs to sign in: public settings only (never a secret). */
export class AuthConfigView {
  @ApiProperty({
    enum: ['dev', 'oidc'],
    description: 'dev: tokens from POST /auth/dev-token; oidc: from the OpenID Provider below',
  })
  mode!: 'dev' | 'oidc';
  @ApiPropertyOptional({
    description: 'OIDC: the issuer, whose discovery document names the endpoints',
    example: 'https://login.gemeente.nl/realms/wijkflow',
  })
  issuer?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      "OIDC: the web front end's public client (authorization code with PKCE); null if none is set up",
    example: 'wijkflow-web',
  })
  clientId?: string | null;
  @ApiPropertyOptional({ description: 'OIDC: the scopes to ask for', example: 'openid profile' })
  scope?: string;
}
