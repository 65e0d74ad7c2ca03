import type { Tx } from '../db/with-tenant.ts';
import type { SignedIn } from '../http/context.ts';

export type AuditEntry = {
  trustId: string;
  actorPersonId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  requestId?: string | null;
};

/** Appends one event to the trust's audit trail. It holds who, what and when — never content. */
export async function recordAudit(tx: Tx, entry: AuditEntry) {
  await tx
    .insertInto('audit_events')
    .values({
      trust_id: entry.trustId,
      actor_person_id: entry.actorPersonId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId ?? null,
      request_id: entry.requestId ?? null,
    })
    .execute();
}

/** Who is making a set-up change, and the request it came in: what the audit records. */
export type Doer = { auth: SignedIn; requestId: string };

export function auditSetup(
  tx: Tx,
  doer: Doer,
  action: string,
  subjectType: string,
  subjectId: string,
) {
  return recordAudit(tx, {
    trustId: doer.auth.actor.trustId,
    actorPersonId: doer.auth.actor.personId,
    action,
    subjectType,
    subjectId,
    requestId: doer.requestId,
  });
}
