import { z } from 'zod';
import { errorBody, validationMessage, zodDetails } from './error-response';

describe('error shape helpers', () => {
  it('names the HTTP error after the status', () => {
    expect(errorBody(409, 'taken')).toEqual({ statusCode: 409, error: 'Conflict', message: 'taken' });
    expect(errorBody(422, 'no', [{ path: 'body.x', message: 'bad' }]).details).toHaveLength(1);
  });

  it('turns zod issues into field paths, including unknown keys', () => {
    const schema = z.strictObject({ email: z.email(), nested: z.object({ n: z.number() }) });
    const result = schema.safeParse({ email: 'nope', nested: { n: 'x' }, extra: 1 });
    expect(result.success).toBe(false);
    const details = zodDetails(result.error as z.ZodError, 'body');
    expect(details.map((detail) => detail.path).sort()).toEqual(['body.email', 'body.extra', 'body.nested.n']);
    expect(validationMessage(details)).toMatch(/^Invalid request: /);
  });
});
