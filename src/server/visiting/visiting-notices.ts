import { formatDate } from '../../domain/calendar/calendar.ts';
import type { Tx } from '../db/with-tenant.ts';
import { schoolPeople } from '../kernel/school-people.ts';
import { personContact } from '../kernel/visits.ts';
import type { MailInTransaction } from '../mail/after-commit.ts';
import type { visitingWalks } from './visiting.queries.ts';

/**
 * Walks across schools (issue 15), who is told what: the host school's leaders (who agree or
 * decline) when a walk is proposed for their school; the proposer when the host agrees, or
 * declines with its reason. Each as an in-app notice and a mail, in the caller's transaction.
 */

type Row = Awaited<ReturnType<typeof visitingWalks>>[number];

const when = (r: Row) => `${formatDate(r.walk_date)}, ${r.window_start}–${r.window_end}`;
const LINK = '/walks-across-schools';

export async function tellHostOfProposal(
  tx: Tx,
  mail: MailInTransaction,
  publicUrl: string,
  r: Row,
) {
  const heads = await schoolPeople(tx, r.host_school_id, ['school_leader']);
  const by = r.network_name ?? r.proposed_by_name ?? 'the trust';
  const observers = r.observers.map((o) => o.fullName).join(', ');
  const subject = `A walk across schools is proposed for ${r.host_school_name}: ${when(r)}`;
  const body = `${by} proposes a learning walk in ${r.host_school_name} on ${when(r)} (focus: ${r.focus_title}), with ${observers} visiting. It cannot be published until the school agrees; your school's protocol settings apply. Agree, or decline with a reason, under Walks across schools.`;
  for (const head of heads) {
    await mail({
      kind: 'visiting_walk_proposed',
      personId: head.person_id,
      email: head.email,
      schoolId: r.host_school_id,
      walkId: r.walk_id,
      subject,
      noticeBody: body,
      link: LINK,
      lines: [
        `Hello ${head.full_name},`,
        '',
        body,
        '',
        `Answer in Learning Walks: ${publicUrl}${LINK}`,
      ],
    });
  }
  return heads.length;
}

export async function tellProposerOfDecision(
  tx: Tx,
  mail: MailInTransaction,
  publicUrl: string,
  r: Row,
) {
  if (!r.proposed_by || r.status === 'proposed') return 0;
  const [proposer] = await personContact(tx, [r.proposed_by]);
  if (!proposer) return 0;
  const agreed = r.status === 'agreed';
  const subject = agreed
    ? `${r.host_school_name} agreed to the walk across schools on ${formatDate(r.walk_date)}`
    : `${r.host_school_name} declined the walk across schools on ${formatDate(r.walk_date)}`;
  const body = agreed
    ? `${r.host_school_name} agreed to the learning walk on ${when(r)} (focus: ${r.focus_title}). Its leaders plan the rooms and publish it under the school's protocol settings; the visiting observers can then capture for that walk.`
    : `${r.host_school_name} declined the learning walk on ${when(r)} (focus: ${r.focus_title}). The school's reason: “${r.decline_reason}”. You may propose another date or focus with the school.`;
  await mail({
    kind: agreed ? 'visiting_walk_agreed' : 'visiting_walk_declined',
    personId: proposer.person_id,
    email: proposer.email,
    schoolId: r.host_school_id,
    walkId: r.walk_id,
    subject,
    noticeBody: body,
    link: LINK,
    lines: [
      `Hello ${proposer.full_name},`,
      '',
      body,
      '',
      `See it in Learning Walks: ${publicUrl}${LINK}`,
    ],
  });
  return 1;
}
