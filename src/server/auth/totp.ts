import { randomInt } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';

/** TOTP (RFC 6238: 6 digits, 30 seconds, SHA-1, as every authenticator app reads) with otplib v13. */
export const newTotpSecret = () => generateSecret();

export const totpUri = (secret: string, label: string, issuer: string) =>
  generateURI({ issuer, label, secret });

const epochOf = (now: Date) => Math.floor(now.getTime() / 1000);

/**
 * The time step the code belongs to, or null when it is not right now (one step either side
 * allowed for clock drift). A step at or before `after` is refused: a code works once.
 */
export async function checkTotp(
  secret: string,
  code: string,
  now: Date,
  after: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: epochOf(now),
    epochTolerance: 30,
    ...(after === null ? {} : { afterTimeStep: after }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** For tests and the browser test: the code an authenticator app would show at `now`. */
export const totpAt = (secret: string, now: Date) => generate({ secret, epoch: epochOf(now) });

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten recovery codes like `k7m2-x9pq-4tr8` (about 60 bits each), shown once. */
export function newRecoveryCodes(count = 10) {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}
