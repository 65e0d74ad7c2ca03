import { strToU8, zipSync } from 'fflate';
import type { RecordBody } from '../../domain/records/body.ts';
import { recordAudit } from '../audit/audit.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { banner, heading, paragraph, renderReport } from '../insights/pdf-layout.ts';
import { assertDataProtection } from './retention.service.ts';
import * as q from './subject-access.queries.ts';

/** Where a long export is: one line per step, `done` of `total`. */
export type Progress = (
  phase: string,
  message: string,
  done: number,
  total: number,
) => Promise<void>;

export type SubjectAccessExport = {
  fileName: string;
  /** The zip (JSON files, photos and report.pdf), base64. */
  zipBase64: string;
  /** How many items each part holds. */
  counts: Record<string, number>;
};

const STEPS = 11;
const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
const when = (d: Date | string | null | undefined) =>
  d ? (d instanceof Date ? d.toISOString() : d).replace('T', ' ').slice(0, 16) : '—';

const README = `Subject-access export (UK GDPR Article 15)

Everything Learning Walks holds about one person in this trust, as the trust's data protection
officer produced it. Each JSON file is one part; report.pdf says the same in readable form.

person.json             profile, roles, staff profile, departments, timetable, sign-in settings
visits.json             visits to your lessons, every record written about them, every version
after-the-walk.json     responses, factual-error flags, reflections (also on walks you observed,
                        with ideas to try), coach shares, feedback
                        conversations, practice examples, invitations you made
walks-observed.json     walks you observed and how many records you wrote (the records
                        themselves describe other teachers' lessons and are not included)
participation.json      consultation comments, debriefs, actions you own, concerns you raised;
                        that you answered a staff pulse (the answers are anonymous by design
                        and cannot be linked to you)
notices-and-mail.json   in-app notices and mail sent to you (sign-in links are never stored)
sign-in.json            sessions, sign-in links (times only), calendar feeds
audit-events.json       who did what to your account, your visits and their records, and what
                        you did
figures.json            how many dashboard figures count you (for hiding small groups only)
photos/                 photos taken with records of visits to your lessons

Passwords and security codes are stored only as one-way hashes and are not included.
`;

/**
 * A subject-access request (issue 17): a trust admin produces everything the trust holds about
 * one person as a zip of JSON with a readable PDF. Progress is reported step by step; the
 * export is audited.
 */
export async function subjectAccessExport(
  deps: AppDeps,
  auth: SignedIn,
  personId: string,
  requestId: string,
  progress: Progress,
): Promise<SubjectAccessExport> {
  assertDataProtection(auth, 'export a person’s data');
  const { trustId } = auth.actor;
  return withTenant(deps.db, trustId, async (tx) => {
    const person = await q.findPerson(tx, personId);
    if (!person) throw notFound('That person');
    let step = 0;
    const tell = (phase: string, message: string) => progress(phase, message, ++step, STEPS);

    await tell('profile', `Reading ${person.full_name}’s profile and roles`);
    const extras = await q.profileExtras(tx, personId);
    const roles = await q.roles(tx, personId);
    await tell('timetable', 'Reading the timetable');
    const timetable = await q.timetable(tx, personId);
    await tell('visits', 'Reading visits to their lessons');
    const visits = await q.visitsTo(tx, personId);
    const visitIds = visits.map((v) => v.visit_id);
    await tell('records', `Reading the records of ${visits.length} visits`);
    const records = await q.recordsOf(tx, visitIds);
    const recordIds = records.map((r) => r.record_id);
    const versions = await q.versionsOf(tx, recordIds);
    const photos = await q.photosOf(tx, recordIds);
    const prompts = await q.lookForPrompts(tx, [
      ...new Set(
        records.flatMap((r) => [
          ...r.body.answers.map((a) => a.lookForId),
          ...r.body.studentVoice.map((s) => s.promptId),
        ]),
      ),
    ]);
    await tell('after', 'Reading responses, flags and reflections');
    const after = await q.afterTheWalk(tx, personId, visitIds);
    await tell('observed', 'Reading walks they observed');
    const observed = await q.walksObserved(tx, personId);
    await tell('participation', 'Reading comments, debriefs, actions and concerns');
    const participation = await q.participation(tx, personId);
    await tell('communications', 'Reading notices and mail');
    const communications = await q.communications(tx, personId, person.email);
    const signIn = await q.signInTraces(tx, personId);
    await tell('audit', 'Reading the audit trail');
    const audit = await q.auditAbout(tx, personId, [...visitIds, ...recordIds]);
    const figures = await q.figuresCountedIn(tx, personId);
    const trustName = await q.trustNameOf(tx);

    const visitsOut = visits.map((v) => ({
      ...v,
      records: records
        .filter((r) => r.visit_id === v.visit_id)
        .map((r) => ({
          ...r,
          versions: versions.filter((x) => x.record_id === r.record_id),
          photos: photos
            .filter((p) => p.record_id === r.record_id)
            .map((p) => ({
              file: `photos/${p.photo_id}.jpg`,
              width: p.width,
              height: p.height,
              takenAt: p.created_at,
            })),
        })),
    }));

    await tell('pdf', 'Writing the readable report');
    const readable = (body: RecordBody) => [
      ...body.answers.map((a) => `${prompts.get(a.lookForId) ?? 'Look-for'}: ${String(a.value)}`),
      ...(body.notes ? [`Notes: ${body.notes}`] : []),
      ...body.studentVoice.map((s) => `${prompts.get(s.promptId) ?? 'Pupils said'}: ${s.text}`),
    ];
    const pdf = await renderReport({ title: 'Subject-access export', trustName }, (doc) => {
      banner(doc, trustName, `Data held about ${person.full_name}`, [
        `Produced ${when(deps.now())} (UTC) for a subject-access request.`,
        'The JSON files in this export hold the same data in full.',
      ]);
      heading(doc, 'Profile and roles');
      paragraph(
        doc,
        `${person.title ? `${person.title} ` : ''}${person.full_name} <${person.email}>; account since ${when(person.created_at)}${person.disabled_at ? `; disabled ${when(person.disabled_at)}` : ''}.`,
      );
      for (const m of roles.memberships)
        paragraph(
          doc,
          `Role: ${m.role.replace('_', ' ')}${m.school ? ` at ${m.school}` : ' (trust-wide)'}`,
        );
      for (const p of roles.profiles)
        paragraph(
          doc,
          `Staff code at ${p.school}: ${p.staff_code ?? '—'}${p.coach ? `; coach: ${p.coach}` : ''}`,
        );
      paragraph(doc, `Lessons on the timetable: ${timetable.length}.`);
      heading(doc, `Visits to your lessons (${visits.length})`);
      if (visits.length === 0) paragraph(doc, 'None.', { muted: true });
      for (const v of visitsOut) {
        paragraph(
          doc,
          `${v.visit_date} ${v.school}, ${v.class_code} in ${v.room_name}: “${v.focus_title}” (observers: ${v.observers ?? '—'}; ${v.status})`,
        );
        for (const r of v.records) {
          paragraph(
            doc,
            `Record by ${r.observer}, version ${r.version_no}${r.handed_in_at ? `, handed in ${when(r.handed_in_at)}` : ', not handed in'}${r.erased_at ? ' (text erased under the retention policy)' : ''}`,
            { muted: true },
          );
          for (const line of readable(r.body)) paragraph(doc, `  ${line}`);
          if (r.photos.length) paragraph(doc, `  Photos: ${r.photos.length} (in photos/)`);
        }
      }
      heading(doc, 'After the walk');
      for (const r of after.responses) paragraph(doc, `Response ${when(r.created_at)}: ${r.body}`);
      for (const f of after.flags)
        paragraph(doc, `Flag ${when(f.raised_at)} on ${f.item}: ${f.explanation} (${f.status})`);
      for (const r of after.reflections)
        paragraph(doc, `Reflection ${when(r.updated_at)}: ${r.body}`);
      for (const r of after.walkReflections)
        paragraph(
          doc,
          `Reflection on a walk you observed ${when(r.updated_at)}: ${r.body}${r.ideas.length ? ` Ideas to try: ${r.ideas.map((i) => i.text).join('; ')}.` : ''}`,
        );
      paragraph(
        doc,
        `Coach shares: ${after.coachShares.length}; feedback conversations: ${after.feedbackConversations.length}; practice examples: ${after.practiceExamples.length}; invitations: ${after.invitations.length}.`,
      );
      heading(doc, 'Walks you observed');
      paragraph(
        doc,
        observed.length
          ? observed
              .map((w) => `${w.walk_date} “${w.focus_title}”: ${w.records_written} records written`)
              .join('\n')
          : 'None.',
      );
      heading(doc, 'Comments, debriefs, actions and concerns');
      for (const c of participation.programmeComments)
        paragraph(doc, `Comment ${when(c.created_at)}: ${c.body}`);
      for (const c of participation.concernsRaised)
        paragraph(
          doc,
          `Concern raised ${when(c.raised_at)} (${c.kind}): ${c.summary} — ${c.details}${c.response ? ` Answer: ${c.response}` : ''}`,
        );
      paragraph(
        doc,
        `Debriefs: ${participation.debriefs.length}; actions owned: ${participation.actionsOwned.length}; staff pulses answered: ${participation.pulsesAnswered.length} (answers are anonymous and not linked to you).`,
      );
      heading(doc, 'Notices, mail and sign-in');
      paragraph(
        doc,
        `Notices: ${communications.notices.length}; mails: ${communications.mail.length}; sessions: ${signIn.sessions.length}; sign-in links: ${signIn.signInLinks.length}; calendar feeds: ${signIn.calendarFeeds.length}. Full text in notices-and-mail.json and sign-in.json.`,
      );
      heading(doc, `Audit trail (${audit.length} events)`);
      for (const a of audit.slice(0, 500))
        paragraph(doc, `${when(a.at)} ${a.actor ?? 'the system'}: ${a.action} (${a.subject_type})`);
      if (audit.length > 500)
        paragraph(doc, `… and ${audit.length - 500} more in audit-events.json.`, { muted: true });
      heading(doc, 'Figures');
      paragraph(
        doc,
        `You are counted, without any value, in ${figures} dashboard figures so that groups smaller than the school’s minimum are hidden.`,
      );
    });

    await tell('zip', 'Packing the zip');
    const files: Record<string, Uint8Array> = {
      'README.txt': strToU8(README),
      'person.json': json({ person, ...extras, roles, timetable }),
      'visits.json': json(visitsOut),
      'after-the-walk.json': json(after),
      'walks-observed.json': json(observed),
      'participation.json': json(participation),
      'notices-and-mail.json': json(communications),
      'sign-in.json': json(signIn),
      'audit-events.json': json(audit),
      'figures.json': json({ dashboardFiguresCountedIn: figures }),
      'report.pdf': new Uint8Array(pdf),
    };
    for (const p of photos) files[`photos/${p.photo_id}.jpg`] = p.bytes;
    const zip = zipSync(files, { level: 6 });

    await recordAudit(tx, {
      trustId,
      actorPersonId: auth.actor.personId,
      action: 'subject_access.exported',
      subjectType: 'person',
      subjectId: personId,
      requestId,
    });
    const slug = person.full_name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    return {
      fileName: `subject-access-${slug || 'person'}-${deps.now().toISOString().slice(0, 10)}.zip`,
      zipBase64: Buffer.from(zip).toString('base64'),
      counts: {
        visits: visits.length,
        records: records.length,
        photos: photos.length,
        responses: after.responses.length,
        reflections: after.reflections.length,
        notices: communications.notices.length,
        mail: communications.mail.length,
        concerns: participation.concernsRaised.length,
        auditEvents: audit.length,
      },
    };
  });
}
