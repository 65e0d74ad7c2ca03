import type { WorkMailKind } from '../../contracts/mail-kinds.ts';
import type { Tx } from '../db/with-tenant.ts';
import type { MailDeps, MailInTransaction } from '../mail/after-commit.ts';
import * as q from './concerns.queries.ts';

export type ConcernEvent =
  | 'raised'
  | 'support_asked'
  | 'support_confirmed'
  | 'support_declined'
  | 'acknowledged'
  | 'answered'
  | 'accepted'
  | 'escalated'
  | 'escalation_answered'
  | 'overdue';

type Who = 'raiser' | 'supporter' | 'handler' | 'escalation';

/** Who hears of each step, with the notice's kind and title. The text never quotes the concern. */
const told: Record<ConcernEvent, { to: Who[]; kind: WorkMailKind; title: string; body: string }> = {
  raised: {
    to: ['handler'],
    kind: 'concern_raised',
    title: 'A concern about how walks are run has been sent to you',
    body: 'A member of staff has raised a concern about how learning walks are run. Please acknowledge it within the school days the school allows, then answer it.',
  },
  support_asked: {
    to: ['supporter'],
    kind: 'concern_support_asked',
    title: 'A colleague has named you as supporting their concern',
    body: 'A colleague has raised a concern about how learning walks are run and named you as supporting it. Please read it and say whether you support it.',
  },
  support_confirmed: {
    to: ['raiser', 'handler'],
    kind: 'concern_updated',
    title: 'Support for the concern confirmed',
    body: 'The colleague named as supporting the concern has confirmed their support.',
  },
  support_declined: {
    to: ['raiser'],
    kind: 'concern_updated',
    title: 'The colleague named did not confirm support',
    body: 'The colleague you named as supporting your concern has said they do not support it. Your concern goes ahead as before.',
  },
  acknowledged: {
    to: ['raiser', 'supporter'],
    kind: 'concern_updated',
    title: 'Your concern has been acknowledged',
    body: 'The concern about how learning walks are run has been acknowledged; an answer will follow.',
  },
  answered: {
    to: ['raiser', 'supporter'],
    kind: 'concern_updated',
    title: 'The concern has been answered',
    body: 'The concern about how learning walks are run has an answer and an outcome. The person who raised it can accept the answer or escalate it to the trust.',
  },
  accepted: {
    to: ['handler', 'supporter'],
    kind: 'concern_updated',
    title: 'The answer to the concern was accepted',
    body: 'The person who raised the concern has accepted the answer.',
  },
  escalated: {
    to: ['escalation', 'handler', 'supporter'],
    kind: 'concern_raised',
    title: 'A concern has been escalated to the trust',
    body: 'The person who raised a concern about how learning walks are run has escalated it after the school’s answer. The trust’s named person now answers it.',
  },
  escalation_answered: {
    to: ['raiser', 'handler', 'supporter'],
    kind: 'concern_updated',
    title: 'The escalated concern has been answered',
    body: 'The trust’s named person has answered the escalated concern.',
  },
  overdue: {
    to: ['handler'],
    kind: 'concern_overdue',
    title: 'A concern is waiting to be acknowledged',
    body: 'A concern about how learning walks are run has not been acknowledged within the school days the school allows. Please acknowledge it now.',
  },
};

function idsFor(c: q.ConcernRow, who: Who): string | null {
  switch (who) {
    case 'raiser':
      return c.raised_by;
    case 'supporter':
      return c.supporter_status === 'declined' ? null : c.supporter_id;
    case 'handler':
      return c.handler_id;
    case 'escalation':
      return c.escalated_to;
  }
}

/** Tells the people concerned, in the app and by mail, with the link and nothing of the content. */
export async function tell(
  tx: Tx,
  deps: Pick<MailDeps, 'config'>,
  mail: MailInTransaction,
  c: q.ConcernRow,
  _now: Date,
  event: ConcernEvent,
) {
  const what = told[event];
  const ids = [...new Set(what.to.map((w) => idsFor(c, w)).filter((x): x is string => !!x))];
  const people = await q.people(tx, ids);
  const to = ids.filter((id) => people.has(id) && !people.get(id)!.disabled);
  const link = `/concerns/${c.concern_id}`;
  for (const id of to) {
    const p = people.get(id)!;
    await mail({
      kind: what.kind,
      personId: id,
      email: p.email,
      schoolId: c.school_id,
      subject: `${what.title} (${c.school_name})`,
      noticeTitle: what.title,
      noticeBody: what.body,
      lines: [
        `Hello ${p.name},`,
        '',
        what.body,
        '',
        'Only the people with a part in a concern can read it. This mail does not repeat what it says.',
        '',
        `Open it in Learning Walks: ${deps.config.publicUrl}${link}`,
      ],
      link,
    });
  }
}
