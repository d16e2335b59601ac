import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

/** The authenticated caller, or null for the public. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | null => {
  return (context.switchToHttp().getRequest<{ user?: Principal | null }>().user ?? null) as Principal | null;
});
