import { reviewDue, reviewFrequencyLabels } from '../../domain/reviews/schedule.ts';
import type { School } from '../db/schema.ts';
import { schoolPeople } from '../kernel/school-people.ts';
import { loadCalendar, loadSettingsRow } from '../kernel/school-rules.ts';
import { todayIn } from '../kernel/school-time.ts';
import { allTrustIds } from '../kernel/trusts.ts';
import { type MailDeps, withTenantMail } from '../mail/after-commit.ts';
import * as q from './reviews.queries.ts';

/**
 * Rule 11: leaders are reminded when a review with all staff is due — the school's review period
 * (each term, or each school year: `review_frequency`) is in its last ten school days, or over,
 * and no review covers it. One in-app notice and one mail to each of the school's leaders, once
 * per school and period (`review_due_reminders`). Idempotent: run it as often as you like.
 */
export async function remindReviewsDue(
  deps: MailDeps,
  now: Date,
  options: { trustIds?: readonly string[] } = {},
) {
  let reminded = 0;
  for (const trustId of options.trustIds ?? (await allTrustIds(deps.db))) {
    reminded += await withTenantMail({ ...deps, now: () => now }, trustId, async (tx, mail) => {
      let n = 0;
      const schools = (await q.allSchools(tx)) as School[];
      for (const school of schools) {
        const settings = await loadSettingsRow(tx, school.school_id);
        const calendar = await loadCalendar(tx, school, settings.cycleAnchor);
        const reviews = await q.reviewPeriods(tx, school.school_id);
        const today = todayIn(school.time_zone, now);
        const due = reviewDue(
          calendar,
          settings.reviewFrequency,
          reviews.map((r) => ({ from: r.period_from, to: r.period_to })),
          today,
        );
        if (!due) continue;
        const first = await q.claimDueReminder(tx, {
          trust_id: trustId,
          school_id: school.school_id,
          period_from: due.from,
          reminded_at: now,
        });
        if (!first) continue;
        const leaders = await schoolPeople(tx, school.school_id, ['school_leader']);
        const title = `A review with staff is due: ${due.label}`;
        const body = `${school.name} reviews its learning walks with all staff ${reviewFrequencyLabels[settings.reviewFrequency]}, and no review covers ${due.label} yet. Open a review: every member of staff is asked, anonymously, whether they want more walks, the same or fewer.`;
        for (const l of leaders) {
          // The notice and the mail together (mail/tell.ts).
          await mail({
            kind: 'review_due',
            personId: l.person_id,
            email: l.email,
            schoolId: school.school_id,
            subject: `${title} (${school.name})`,
            noticeTitle: title,
            noticeBody: body,
            link: `/schools/${school.school_id}/reviews`,
            lines: [
              `Hello ${l.full_name},`,
              '',
              body,
              '',
              `Open a review in Learning Walks: ${deps.config.publicUrl}/schools/${school.school_id}/reviews`,
            ],
          });
        }
        n += 1;
      }
      return n;
    });
  }
  return reminded;
}
