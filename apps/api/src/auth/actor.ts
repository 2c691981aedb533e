import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../../../libs/workflows/src/index.js';

/** Who is calling, from the verified token. Services receive this, never the token. */
export interface Actor {
  id: string;
  name: string;
  roles: Role[];
  areas: string[];
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().user as Actor;
});

export const IS_PUBLIC = 'wijkflow:public';
/** The endpoint needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ROLES_KEY = 'wijkflow:roles';
/** The endpoint needs one of these roles (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
