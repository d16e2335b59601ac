import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/principal';

/** What every layer may know about the request being served. */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  principal: Principal | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, callback: () => T): T {
  return storage.run(context, callback);
}

/** The current request's context; null outside a request (worker jobs, CLI). */
export function currentRequestContext(): RequestContext | null {
  return storage.getStore() ?? null;
}
