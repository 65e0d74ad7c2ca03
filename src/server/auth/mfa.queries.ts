import type { Tx } from '../db/with-tenant.ts';

/** Issue 13: the MFA tables (migration 0021). */

export function findEnrolment(tx: Tx, personId: string) {
  return tx
    .selectFrom('mfa_enrolments')
    .selectAll()
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export function requiresMfaOfLeaders(tx: Tx) {
  return tx
    .selectFrom('security_settings')
    .select('mfa_required_for_leaders')
    .executeTakeFirst()
    .then((row) => row?.mfa_required_for_leaders ?? false);
}

export function findRoles(tx: Tx, personId: string) {
  return tx
    .selectFrom('memberships')
    .select('role')
    .where('person_id', '=', personId)
    .execute()
    .then((rows) => rows.map((r) => r.role));
}

export function insertStep(
  tx: Tx,
  trustId: string,
  personId: string,
  tokenHash: string,
  now: Date,
) {
  return tx
    .insertInto('mfa_challenges')
    .values({ trust_id: trustId, person_id: personId, token_hash: tokenHash, created_at: now })
    .execute();
}

export function findStep(tx: Tx, tokenHash: string) {
  return tx
    .selectFrom('mfa_challenges')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function countFailure(tx: Tx, tokenHash: string, spent: boolean, now: Date) {
  return tx
    .updateTable('mfa_challenges')
    .set((eb) => ({ failures: eb('failures', '+', 1), ...(spent ? { used_at: now } : {}) }))
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Marks the step used; false when another request used it first. */
export async function claimStep(tx: Tx, tokenHash: string, now: Date) {
  const row = await tx
    .updateTable('mfa_challenges')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .returning('person_id')
    .executeTakeFirst();
  return Boolean(row);
}

export function saveTimeStep(tx: Tx, personId: string, timeStep: number) {
  return tx
    .updateTable('mfa_enrolments')
    .set({ last_time_step: timeStep })
    .where('person_id', '=', personId)
    .execute();
}

/** Uses a recovery code once; false when it is not one of theirs or was used. */
export async function spendRecoveryCode(tx: Tx, personId: string, codeHash: string, now: Date) {
  const row = await tx
    .updateTable('mfa_recovery_codes')
    .set({ used_at: now })
    .where('person_id', '=', personId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('code_hash')
    .executeTakeFirst();
  return Boolean(row);
}

export function countRecoveryCodesLeft(tx: Tx, personId: string) {
  return tx
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function startEnrolment(
  tx: Tx,
  trustId: string,
  personId: string,
  secretSealed: string,
  now: Date,
) {
  await tx.deleteFrom('mfa_enrolments').where('person_id', '=', personId).execute();
  await tx
    .insertInto('mfa_enrolments')
    .values({
      trust_id: trustId,
      person_id: personId,
      secret_sealed: secretSealed,
      created_at: now,
    })
    .execute();
}

export async function confirmEnrolment(
  tx: Tx,
  trustId: string,
  personId: string,
  timeStep: number,
  codeHashes: string[],
  now: Date,
) {
  await tx
    .updateTable('mfa_enrolments')
    .set({ confirmed_at: now, last_time_step: timeStep })
    .where('person_id', '=', personId)
    .execute();
  await tx.deleteFrom('mfa_recovery_codes').where('person_id', '=', personId).execute();
  await tx
    .insertInto('mfa_recovery_codes')
    .values(codeHashes.map((h) => ({ trust_id: trustId, person_id: personId, code_hash: h })))
    .execute();
  // Their sessions that were held at "enrol first" may now do everything.
  await tx
    .updateTable('sessions')
    .set({ must_enrol_mfa: false })
    .where('person_id', '=', personId)
    .where('must_enrol_mfa', '=', true)
    .execute();
}

/** New recovery codes (the person's own choice): the old ones stop working. */
export async function replaceRecoveryCodes(
  tx: Tx,
  trustId: string,
  personId: string,
  codeHashes: string[],
) {
  await tx.deleteFrom('mfa_recovery_codes').where('person_id', '=', personId).execute();
  await tx
    .insertInto('mfa_recovery_codes')
    .values(codeHashes.map((h) => ({ trust_id: trustId, person_id: personId, code_hash: h })))
    .execute();
}

/** An admin's reset (a lost device): the seed and the recovery codes go. */
export async function removeMfa(tx: Tx, personId: string) {
  await tx.deleteFrom('mfa_recovery_codes').where('person_id', '=', personId).execute();
  const gone = await tx
    .deleteFrom('mfa_enrolments')
    .where('person_id', '=', personId)
    .where('confirmed_at', 'is not', null)
    .returning('person_id')
    .executeTakeFirst();
  await tx.deleteFrom('mfa_enrolments').where('person_id', '=', personId).execute();
  return Boolean(gone);
}

export function markSessionMustEnrol(tx: Tx, sessionId: string) {
  return tx
    .updateTable('sessions')
    .set({ must_enrol_mfa: true })
    .where('session_id', '=', sessionId)
    .execute();
}

export function findSecuritySettings(tx: Tx) {
  return tx.selectFrom('security_settings').selectAll().executeTakeFirst();
}

export function saveSecuritySettings(tx: Tx, trustId: string, required: boolean, now: Date) {
  return tx
    .insertInto('security_settings')
    .values({ trust_id: trustId, mfa_required_for_leaders: required, updated_at: now })
    .onConflict((oc) =>
      oc.column('trust_id').doUpdateSet({ mfa_required_for_leaders: required, updated_at: now }),
    )
    .execute();
}

export function findPeopleWithMfa(tx: Tx) {
  return tx
    .selectFrom('mfa_enrolments')
    .innerJoin('people', (j) =>
      j
        .onRef('people.trust_id', '=', 'mfa_enrolments.trust_id')
        .onRef('people.person_id', '=', 'mfa_enrolments.person_id'),
    )
    .select(['people.person_id', 'people.full_name', 'mfa_enrolments.confirmed_at'])
    .where('mfa_enrolments.confirmed_at', 'is not', null)
    .orderBy('people.full_name')
    .execute();
}

export function findPerson(tx: Tx, personId: string) {
  return tx
    .selectFrom('people')
    .select(['person_id', 'full_name', 'email'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
}
