import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AppAbility } from '@convenio/policies';

/** The caller's ability: the signed-in principal's, or the public's (set by the authentication guard). */
export const CurrentAbility = createParamDecorator((_data: unknown, context: ExecutionContext): AppAbility => {
  const request = context.switchToHttp().getRequest<{ ability?: AppAbility }>();
  if (!request.ability) throw new Error('No ability on the request: the authentication guard did not run');
  return request.ability;
});
