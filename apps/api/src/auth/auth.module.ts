import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AreasModule } from '../areas/areas.module.js';
import { AuthController } from './auth.controller.js';
import { IssuerKeys } from './issuer-keys.js';
import { JwtStrategy } from './jwt.strategy.js';
import { SigningKeyService } from './signing-key.service.js';

@Module({
  imports: [PassportModule, AreasModule],
  controllers: [AuthController],
  providers: [SigningKeyService, IssuerKeys, JwtStrategy],
})
export class AuthModule {}
