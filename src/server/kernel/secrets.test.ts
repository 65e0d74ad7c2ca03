import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MISSING_KEY_MESSAGE, readConfig } from '../config.ts';
import { developmentKey, open, parseSecretKey, SecretUnreadable, seal } from './secrets.ts';

const key = { key: Buffer.alloc(32, 7), source: 'environment' as const };

describe('secrets at rest', () => {
  it('opens what it sealed, for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const sealed = seal(key, 'totp_seed', text);
        expect(open(key, 'totp_seed', sealed)).toBe(text);
      }),
    );
  });

  it('never stores the clear text, and seals the same text differently each time', () => {
    const a = seal(key, 'sso_client_secret', 'client-secret-value');
    const b = seal(key, 'sso_client_secret', 'client-secret-value');
    expect(a).not.toContain('client-secret-value');
    expect(Buffer.from(a.split('.')[3]!, 'base64url').toString()).not.toContain('client');
    expect(a).not.toBe(b);
  });

  it('detects tampering: a changed byte, another purpose, another key', () => {
    const sealed = seal(key, 'totp_seed', 'JBSWY3DPEHPK3PXP');
    const [v, iv, tag, body] = sealed.split('.');
    const bytes = Buffer.from(body!, 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const changed = [v, iv, tag, bytes.toString('base64url')].join('.');
    expect(() => open(key, 'totp_seed', changed)).toThrow(SecretUnreadable);
    expect(() => open(key, 'sso_client_secret', sealed)).toThrow(SecretUnreadable);
    expect(() => open(developmentKey(), 'totp_seed', sealed)).toThrow(SecretUnreadable);
    expect(() => open(key, 'totp_seed', 'not sealed')).toThrow(SecretUnreadable);
  });

  it('reads LW_SECRET_KEY as hex or base64 of 32 bytes, and nothing shorter', () => {
    expect(parseSecretKey('ab'.repeat(32))?.length).toBe(32);
    expect(parseSecretKey(Buffer.alloc(32, 1).toString('base64'))?.length).toBe(32);
    expect(parseSecretKey('too-short')).toBeNull();
    expect(() => readConfig({ LW_SECRET_KEY: 'too-short' })).toThrow(/32 bytes/);
  });

  it('uses a labelled development key outside production, the environment key when set', () => {
    expect(readConfig({}).secretKey.source).toBe('development');
    const set = readConfig({ LW_SECRET_KEY: 'cd'.repeat(32), NODE_ENV: 'production' });
    expect(set.secretKey).toEqual({
      key: Buffer.from('cd'.repeat(32), 'hex'),
      source: 'environment',
    });
  });

  it('refuses to configure production without the key', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(MISSING_KEY_MESSAGE);
  });

  it('refuses to start the server in production without the key, with one clear message', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0' };
    delete env.LW_SECRET_KEY;
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(MISSING_KEY_MESSAGE);
    expect(run.stdout).not.toContain('is running');
  });
});
