import { formatDate } from '../../domain/calendar/calendar.ts';
import { agreementProblems, earliestAgreement } from '../../domain/protocol/consultation.ts';
import type { School } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { schoolPeople } from '../kernel/school-people.ts';
import { loadCalendar, loadSettingsRow } from '../kernel/school-rules.ts';
import { localDate } from '../kernel/school-time.ts';
import type { Queued } from '../mail/mailer.ts';
import { tell } from '../mail/tell.ts';

/** What consultation needs about a school: its row, settings, calendar and today. */
export async function consultationContext(tx: Tx, deps: AppDeps, schoolId: string) {
  const school = (await tx
    .selectFrom('schools')
    .selectAll()
    .where('school_id', '=', schoolId)
    .executeTakeFirstOrThrow()) as School;
  const settings = await loadSettingsRow(tx, schoolId);
  const calendar = await loadCalendar(tx, school, settings.cycleAnchor);
  return { school, settings, calendar, today: localDate(deps.now(), school.time_zone) };
}
export type ConsultationContext = Awaited<ReturnType<typeof consultationContext>>;

/** The first day agreement may be recorded, or null when consultation has not opened. */
export function earliestFor(ctx: ConsultationContext, openedAt: Date | null, minDays: number) {
  if (!openedAt) return null;
  return earliestAgreement(ctx.calendar, localDate(openedAt, ctx.school.time_zone), minDays);
}

/**
 * Refuses (422) an agreement recorded before the consultation period is over or while a comment
 * is unanswered, naming the first possible day and the unanswered count.
 */
export function requireAgreementAllowed(
  ctx: ConsultationContext,
  c: {
    kind: 'programme' | 'amendment';
    openedAt: Date | null;
    agreedOn: string;
    unanswered: number;
  },
) {
  const minSchoolDays =
    c.kind === 'programme' ? ctx.settings.consultationSchoolDays : ctx.settings.amendmentSchoolDays;
  const problems = agreementProblems({
    kind: c.kind,
    calendar: ctx.calendar,
    openedOn: localDate(c.openedAt ?? new Date(0), ctx.school.time_zone),
    today: ctx.today,
    agreedOn: c.agreedOn,
    minSchoolDays,
    unanswered: c.unanswered,
  });
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new AppError(first.code, problems.map((p) => p.message).join(' '), {
    problems: problems.map((p) => ({ code: p.code, message: p.message })),
    minSchoolDays,
    earliestAgreement: problems.find((p) => p.earliest)?.earliest ?? null,
    unanswered: c.unanswered,
  });
}

/**
 * Opening consultation (on a programme or an amendment) tells every member of the school's
 * staff: an in-app notice and a mail each, through the outbox. Returns the queued mail, to be
 * delivered after commit.
 */
export async function tellStaffConsultation(
  tx: Tx,
  deps: AppDeps,
  ctx: ConsultationContext,
  p: { trustId: string; programmeId: string; title: string; startsOn: string; endsOn: string },
  opening: { kind: 'programme' | 'amendment'; summary?: string; earliest: string | null },
  now: Date,
): Promise<Queued[]> {
  const staff = await schoolPeople(tx, ctx.school.school_id);
  const link = `/programmes/${p.programmeId}`;
  const until = opening.earliest
    ? `Comments are open until at least ${formatDate(opening.earliest)}`
    : 'Comments are open for at least the school’s consultation period';
  const title =
    opening.kind === 'programme'
      ? `Consultation open: ${p.title}`
      : `Change to the walks programme: ${p.title}`;
  const body =
    opening.kind === 'programme'
      ? `${ctx.school.name} proposes a programme of learning walks for ${formatDate(p.startsOn)} to ${formatDate(p.endsOn)}. Read the planned walks and comment, with your name or anonymously. ${until}; every comment is answered before staff agree it.`
      : `${ctx.school.name} proposes to change its agreed programme: ${opening.summary}. Comment, with your name or anonymously. ${until}; every comment is answered before it is agreed.`;
  const queued: Queued[] = [];
  for (const s of staff) {
    // The notice and the mail together (mail/tell.ts).
    const q = await tell(
      tx,
      deps.config,
      p.trustId,
      {
        kind: opening.kind === 'programme' ? 'consultation_opened' : 'amendment_opened',
        personId: s.person_id,
        email: s.email,
        schoolId: ctx.school.school_id,
        subject: `${title} (${ctx.school.name})`,
        noticeTitle: title,
        noticeBody: body,
        link,
        lines: [
          `Hello ${s.full_name},`,
          '',
          body,
          '',
          'Walks look at learning, never at an individual teacher. If you comment anonymously, your name is kept nowhere with the comment and nobody, leaders included, can see who wrote it.',
          '',
          `Read and comment: ${deps.config.publicUrl}${link}`,
        ],
      },
      now,
    );
    if (q) queued.push(q);
  }
  return queued;
}
