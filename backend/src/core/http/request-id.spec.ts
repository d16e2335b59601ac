import type { IncomingMessage, ServerResponse } from 'node:http';
import { assignRequestId } from './request-id';

function call(header?: string): { id: string; echoed: unknown } {
  let echoed: unknown;
  const response = { setHeader: (_name: string, value: unknown) => (echoed = value) } as unknown as ServerResponse;
  const id = assignRequestId({ headers: header === undefined ? {} : { 'x-request-id': header } } as IncomingMessage, response);
  return { id, echoed };
}

describe('assignRequestId', () => {
  it('keeps a well-formed caller id and echoes it', () => {
    expect(call('abc-123')).toEqual({ id: 'abc-123', echoed: 'abc-123' });
  });

  it('replaces missing, oversized or unsafe ids with a UUID', () => {
    for (const header of [undefined, 'x'.repeat(200), 'a b', 'a\nb']) {
      const { id, echoed } = call(header);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(echoed).toBe(id);
    }
  });
});
