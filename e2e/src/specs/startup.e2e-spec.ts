import { runToExit, startProcess, TEST_REDIS_URL } from '../support/stack';

const JWT_ACCESS_SECRET = 'e2e-startup-secret-'.padEnd(40, 'x');
const ANONYMIZATION_HMAC_KEY = 'e2e-startup-hmac-key-'.padEnd(40, 'k');

/** The built entry points, started the way `npm start` starts them, with bad settings. */
describe('start-up with bad configuration', () => {
  it('stops within 30 s with one line naming an unreachable DATABASE_URL', async () => {
    const child = startProcess('main.js', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', REDIS_URL: TEST_REDIS_URL, PORT: '1', JWT_ACCESS_SECRET, ANONYMIZATION_HMAC_KEY });
    const result = await runToExit(child, 30_000);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot connect to PostgreSQL at DATABASE_URL=postgres:\/\/postgres@127\.0\.0\.1:1\/nowhere: /);
    expect(result.ms).toBeLessThan(30_000);
  });

  it('stops with one line naming a malformed variable, without a stack trace', async () => {
    const child = startProcess('main.js', { DATABASE_URL: 'mysql://nope', REDIS_URL: TEST_REDIS_URL, JWT_ACCESS_SECRET, ANONYMIZATION_HMAC_KEY });
    const result = await runToExit(child, 15_000);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: DATABASE_URL must be a postgres:// URL (e.g. postgres://postgres@127.0.0.1:5432/convenio)');
  });

  it('stops the worker the same way when a variable is missing', async () => {
    const child = startProcess('worker.js', { DATABASE_URL: '', REDIS_URL: TEST_REDIS_URL, JWT_ACCESS_SECRET, ANONYMIZATION_HMAC_KEY });
    const result = await runToExit(child, 15_000);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: DATABASE_URL is required');
  });
});
