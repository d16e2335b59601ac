import type { ErrorResponse } from '@convenio/contracts';

/** A translation key and its parameters. */
export interface Message {
  readonly key: string;
  readonly params?: Record<string, unknown>;
}

/**
 * What to tell a person about a failed request: the network, permissions and not-found in
 * words of the portal; anything else as the API's own message under a translated lead.
 */
export function describeError(error: ErrorResponse): Message {
  switch (error.statusCode) {
    case 0:
      return { key: 'errors.network' };
    case 401:
      return { key: 'errors.unauthorized' };
    case 403:
      return { key: 'errors.forbidden' };
    case 404:
      return { key: 'errors.notFound' };
    default:
      return error.statusCode >= 500 ? { key: 'errors.server' } : { key: 'errors.rejected', params: { message: error.message } };
  }
}
