import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

const problems = (env: NodeJS.ProcessEnv) => {
  try {
    readConfig(env);
    return [];
  } catch (e) {
    return (e as Error).message
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
  }
};

describe('settings are checked at start', () => {
  it('gives one clear line per wrong setting, naming it, its value and what it must be', () => {
    const lines = problems({
      PORT: 'abc',
      COOKIE_SECURE: 'yes',
      LOGIN_MAX_ATTEMPTS: '1.5',
      TRUST_PROXY: 'maybe',
      MAIL_RETRY_LIMIT: '-1',
      METRICS_TOKEN: 'short',
      SMTP_URL: 'not a url',
    });
    expect(lines).toHaveLength(7);
    expect(lines).toContain('PORT (it is "abc") must be a number.');
    expect(lines).toContain('COOKIE_SECURE (it is "yes") must be one of "true", "false".');
    expect(lines).toContain('LOGIN_MAX_ATTEMPTS (it is "1.5") must be a whole number.');
    expect(lines).toContain('MAIL_RETRY_LIMIT (it is "-1") must be at least 0.');
    expect(lines.find((l) => l.startsWith('TRUST_PROXY'))).toMatch(/must be false, true, a number/);
    // Secrets and addresses that may hold a password are named, never echoed.
    expect(lines.find((l) => l.startsWith('METRICS_TOKEN'))).toBe(
      'METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`).',
    );
    expect(lines.find((l) => l.startsWith('SMTP_URL'))).toMatch(/^SMTP_URL must be a URL/);
  });

  it('reads TRUST_PROXY as Fastify takes it', () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(readConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(readConfig({ TRUST_PROXY: '10.0.0.5, 10.0.0.0/8' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.0.0.0/8',
    ]);
  });

  it('keeps the retry delay cap no shorter than the first delay', () => {
    const c = readConfig({ MAIL_RETRY_DELAY_SECONDS: '600', MAIL_RETRY_DELAY_MAX_SECONDS: '60' });
    expect(c.delivery).toMatchObject({ retryDelaySeconds: 600, retryDelayMaxSeconds: 600 });
    expect(readConfig({}).jobs).toEqual({
      intervalSeconds: null,
      scheduledEverySeconds: 60,
      worker: true,
    });
  });
});
