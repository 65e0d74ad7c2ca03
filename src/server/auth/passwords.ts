import { type Algorithm, hash, verify } from '@node-rs/argon2';

// Algorithm is a const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/** OWASP's Argon2id floor: 19 MiB, two passes, one lane. */
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;
/** Spend the same time for an unknown email as for a wrong password, so timing does not reveal accounts. */
export async function verifyDecoy(password: string) {
  decoy ??= hashPassword('decoy password that matches nobody');
  await verifyPassword(await decoy, password);
}
