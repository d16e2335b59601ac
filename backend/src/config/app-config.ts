import { envSchema, type Env } from './env.schema';

/** The validated configuration, injected everywhere as `AppConfig`. */
export class AppConfig {
  constructor(readonly env: Readonly<Env>) {}
}

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError whose message is one line naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue.path[0] ?? 'environment');
  const message = issue.code === 'invalid_type' && cleaned[variable] === undefined ? 'is required' : issue.message;
  throw new ConfigError(`Invalid configuration: ${variable} ${message}`);
}

/**
 * Loads the configuration for an entry point. A missing or malformed value stops the
 * process with one line naming the variable and exit code 1 — no stack trace.
 */
export function loadConfigOrExit(source: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return new AppConfig(parseEnv(source));
  } catch (error) {
    if (error instanceof ConfigError) exitWithMessage(error.message);
    throw error;
  }
}

export function exitWithMessage(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** A URL with its password hidden, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
