import type { AuditPage, AuditQuery, RecordReaders } from '../../contracts/data-protection.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { decide } from '../policy/policy.ts';
import * as q from './audit-log.queries.ts';

function assertViewsAudit(auth: SignedIn) {
  const { actor } = auth;
  if (decide(actor, 'audit.view_trust', { trustId: actor.trustId, schoolId: null }) !== 'allow') {
    throw forbidden('read the trust’s audit log');
  }
}

/** The trust's audit log, filtered and paged, newest first (trust admins). */
export function auditLog(deps: AppDeps, auth: SignedIn, f: AuditQuery): Promise<AuditPage> {
  assertViewsAudit(auth);
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    if (f.school && !(await q.schoolExists(tx, f.school))) throw notFound('That school');
    const { total, rows } = await q.auditPage(tx, f, f.pageSize, (f.page - 1) * f.pageSize);
    return {
      items: rows.map((r) => ({
        id: r.event_id,
        at: r.at.toISOString(),
        actorId: r.actor_person_id,
        actorName: r.actor_name,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        subjectName: r.subject_name,
      })),
      total,
      page: f.page,
      pageSize: f.pageSize,
      actions: await q.auditActions(tx),
    };
  });
}

const cell = (v: string | null) => {
  const text = v ?? '';
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The same filtered log as CSV (at most 50,000 events a file). */
export async function auditLogCsv(deps: AppDeps, auth: SignedIn, f: AuditQuery): Promise<string> {
  assertViewsAudit(auth);
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    if (f.school && !(await q.schoolExists(tx, f.school))) throw notFound('That school');
    const { rows } = await q.auditPage(tx, f, 50_000, 0);
    const lines = [
      'at,actor_id,actor,action,subject_type,subject_id,subject_person',
      ...rows.map((r) =>
        [
          r.at.toISOString(),
          r.actor_person_id,
          r.actor_name,
          r.action,
          r.subject_type,
          r.subject_id,
          r.subject_name,
        ]
          .map(cell)
          .join(','),
      ),
    ];
    return `${lines.join('\r\n')}\r\n`;
  });
}

/** Who read the records (and photos) of visits to my lessons: the visited teacher's own view. */
export function myRecordReaders(deps: AppDeps, auth: SignedIn): Promise<RecordReaders> {
  const { actor } = auth;
  if (
    decide(actor, 'record.view_own_readers', {
      trustId: actor.trustId,
      schoolId: null,
      personId: actor.personId,
    }) !== 'allow'
  ) {
    throw forbidden('see who read the records of your visits');
  }
  return withTenant(deps.db, actor.trustId, async (tx) => ({
    items: (await q.readersOfMyRecords(tx, actor.personId)).map((r) => ({
      id: r.event_id,
      at: new Date(r.at).toISOString(),
      reader: r.reader ?? 'Someone no longer in the trust',
      what: r.what,
      visitDate: r.visit_date,
      classCode: r.class_code,
    })),
  }));
}
