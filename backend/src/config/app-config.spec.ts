import { ConfigError, parseEnv, redactUrl } from './app-config';

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/convenio', REDIS_URL: 'redis://127.0.0.1:6379', JWT_ACCESS_SECRET: 'x'.repeat(32), ANONYMIZATION_HMAC_KEY: 'k'.repeat(32) };

describe('parseEnv', () => {
  it('applies defaults to a minimal valid environment', () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({ PORT: 3000, DB_POOL_SIZE: 10, QUEUE_PREFIX: 'convenio', SEED: 'demo', NODE_ENV: 'development' });
  });

  it.each([
    [{ REDIS_URL: valid.REDIS_URL }, 'Invalid configuration: DATABASE_URL is required'],
    [{ ...valid, DATABASE_URL: 'mysql://x@y/z' }, 'Invalid configuration: DATABASE_URL must be a postgres:// URL'],
    [{ ...valid, REDIS_URL: 'not a url' }, 'Invalid configuration: REDIS_URL must be a redis:// or rediss:// URL'],
    [{ ...valid, PORT: 'eighty' }, 'Invalid configuration: PORT must be a whole number between 1 and 65535'],
    [{ ...valid, PORT: '70000' }, 'Invalid configuration: PORT must be at most 65535'],
    [{ ...valid, SEED: 'all' }, 'Invalid configuration: SEED'],
    [{ ...valid, JWT_ACCESS_SECRET: 'short' }, 'Invalid configuration: JWT_ACCESS_SECRET must have at least 32 characters'],
    [{ ...valid, ACCESS_TOKEN_TTL_SECONDS: '3600' }, 'Invalid configuration: ACCESS_TOKEN_TTL_SECONDS must be at most 900'],
  ])('names the variable that is wrong (%#)', (env, expected) => {
    expect(() => parseEnv(env)).toThrow(ConfigError);
    try {
      parseEnv(env);
    } catch (error) {
      expect((error as Error).message.startsWith(expected)).toBe(true);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ ...valid, PORT: '' }).PORT).toBe(3000);
  });
});

describe('redactUrl', () => {
  it('hides the password only', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/convenio')).toBe('postgres://app:***@db:5432/convenio');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
