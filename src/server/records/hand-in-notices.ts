import { formatDate } from '../../domain/calendar/calendar.ts';
import type { Tx } from '../db/with-tenant.ts';
import { responseWindow } from '../kernel/school-rules.ts';
import { allTrustIds } from '../kernel/trusts.ts';
import { findVisit, personContact, teachersOfVisit } from '../kernel/visits.ts';
import { type MailDeps, type MailInTransaction, withTenantMail } from '../mail/after-commit.ts';
import * as q from './records.queries.ts';

/**
 * Mails each visited teacher once for every newly handed-in record of their visits: "the records
 * of your visit can be read". Idempotent (record_hand_in_notices). Runs on the timer in main.ts;
 * the records service may also call it right after a hand-in.
 */
export async function noticeHandedInRecords(deps: MailDeps, trustIds?: readonly string[]) {
  let told = 0;
  for (const trustId of trustIds ?? (await allTrustIds(deps.db))) {
    told += await withTenantMail(deps, trustId, async (tx, mail) => {
      const fresh = await q.recordsNotYetTold(tx);
      if (fresh.length === 0) return 0;
      const now = deps.now();
      await q.markRecordsTold(
        tx,
        trustId,
        fresh.map((r) => r.record_id),
        now,
      );
      const visitIds = [...new Set(fresh.map((r) => r.visit_id))];
      let n = 0;
      for (const visitId of visitIds) {
        const count = fresh.filter((r) => r.visit_id === visitId).length;
        n += await tellTeachersOfHandIn(tx, deps, mail, { visitId, count, now });
      }
      return n;
    });
  }
  return told;
}

/** Tells a visit's teachers, in the app and by mail, that `count` of its records were handed in. */
async function tellTeachersOfHandIn(
  tx: Tx,
  deps: MailDeps,
  mail: MailInTransaction,
  { visitId, count, now }: { visitId: string; count: number; now: Date },
): Promise<number> {
  const visit = await findVisit(tx, visitId);
  if (!visit) return 0;
  const window = await responseWindow(tx, visit, now, now);
  const teachers = await personContact(tx, await teachersOfVisit(tx, visit));
  const title = `You can now read the records of your visit (${visit.class_code})`;
  const link = `/visits/${visit.visit_id}/records`;
  const noticeBody = `${count === 1 ? 'A record' : `${count} records`} of the visit to ${visit.class_code} on ${formatDate(visit.visit_date)} ${count === 1 ? 'was' : 'were'} handed in.${window.closesOn ? ` You can respond until ${formatDate(window.closesOn)}.` : ''}`;
  for (const t of teachers) {
    // Told in the app as well as by mail, in the same transaction (mail/tell.ts).
    await mail({
      kind: 'records_handed_in',
      personId: t.person_id,
      email: t.email,
      schoolId: visit.school_id,
      subject: title,
      noticeBody,
      link,
      walkId: visit.walk_id,
      visitId: visit.visit_id,
      lines: [
        `${count === 1 ? 'A record' : `${count} records`} of the learning walk visit to ${visit.class_code} on ${formatDate(visit.visit_date)} (focus: ${visit.focus_title}) ${count === 1 ? 'has' : 'have'} been handed in.`,
        'You can read every word the observers wrote, and within the response window add a response, flag a factual error, or write a private reflection.',
        window.closesOn ? `You can respond until ${formatDate(window.closesOn)}.` : '',
        '',
        `Read them in Learning Walks: ${deps.config.publicUrl}${link}`,
      ],
    });
  }
  return teachers.length;
}
