import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (issue 13): single sign-on client secrets, TOTP seeds and PKCE verifiers are
 * sealed with AES-256-GCM under the installation's key (LW_SECRET_KEY, README "Secrets").
 * A sealed value is `v1.<iv>.<tag>.<ciphertext>` in base64url; the tag makes any change to it
 * fail to open, and `purpose` (bound as associated data) stops a value sealed for one column
 * being read as another.
 */
export type SecretKey = { key: Buffer; source: 'environment' | 'development' };

export const DEVELOPMENT_KEY_LABEL =
  'learning-walks DEVELOPMENT key: not secret, never for real data';

/** The key for development and tests when LW_SECRET_KEY is unset: derived from a published label. */
export function developmentKey(): SecretKey {
  return {
    key: createHash('sha256').update(DEVELOPMENT_KEY_LABEL).digest(),
    source: 'development',
  };
}

/** LW_SECRET_KEY: 32 bytes, as 64 hex digits or base64 (`openssl rand -base64 32`). */
export function parseSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  return null;
}

export type SecretPurpose = 'sso_client_secret' | 'totp_seed' | 'pkce_verifier' | 'mail_text';

export function seal(key: SecretKey, purpose: SecretPurpose, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
  return `v1.${parts.join('.')}`;
}

export class SecretUnreadable extends Error {}

/** Throws SecretUnreadable when the value was changed, sealed for another purpose or key. */
export function open(key: SecretKey, purpose: SecretPurpose, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) {
    throw new SecretUnreadable('This is not a sealed secret.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SecretUnreadable(
      'A stored secret could not be opened: it was changed, or LW_SECRET_KEY is not the key it was sealed with.',
    );
  }
}
