import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import type { Role } from '../../../../libs/workflows/src/index.js';
import { type Actor, IS_PUBLIC, ROLES_KEY } from './actor.js';

/** Every endpoint needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser = Actor>(err: unknown, user: TUser | false): TUser {
    if (err || !user) throw new DomainError(ErrorCode.Unauthenticated, 'A valid bearer token is required.');
    return user;
  }
}

/** Checks @Roles(...) against the actor's roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const actor = context.switchToHttp().getRequest().user as Actor | undefined;
    if (!actor || !actor.roles.some((r) => roles.includes(r))) {
      throw DomainError.forbidden(`This requires the role ${roles.join(' or ')}.`);
    }
    return true;
  }
}
