import { mailKindNotice, type WorkMailKind } from '../../contracts/mail-kinds.ts';
import type { Config } from '../config.ts';
import type { Tx } from '../db/with-tenant.ts';
import { type Queued, writeOutbox } from './mailer.ts';

/**
 * One message about a person's own work: an in-app notice with a link to where it is done, and
 * (unless `mail` is false) the same message by mail. Both are written in the caller's
 * transaction, so they go together or not at all (issue 21).
 */
export type Tell = {
  kind: WorkMailKind;
  personId: string;
  email: string | null | undefined;
  schoolId: string | null;
  /** The mail's subject and the notice's title. */
  subject: string;
  /** The mail's text, line by line. */
  lines: readonly string[];
  /** Where it is done: a path in the web app ('/visits/…/records'), never an outside address. */
  link: string;
  /** The notice's title when it should differ from the subject. */
  noticeTitle?: string;
  /** The notice's text; by default the mail's lines without the line giving the address. */
  noticeBody?: string;
  walkId?: string | null;
  visitId?: string | null;
  /** False: the notice only (e.g. an observer reads it in the app). */
  mail?: boolean;
};

export async function tell(
  tx: Tx,
  config: Pick<Config, 'publicUrl' | 'mail' | 'secretKey'>,
  trustId: string,
  t: Tell,
  now: Date,
): Promise<Queued | null> {
  const body =
    t.noticeBody ??
    t.lines
      .filter((line) => !line.includes(config.publicUrl))
      .join('\n')
      .trim();
  await tx
    .insertInto('notices')
    .values({
      trust_id: trustId,
      person_id: t.personId,
      school_id: t.schoolId,
      kind: mailKindNotice[t.kind],
      title: (t.noticeTitle ?? t.subject).slice(0, 300),
      body: body.slice(0, 5000),
      link: t.link,
      walk_id: t.walkId ?? null,
      visit_id: t.visitId ?? null,
      created_at: now,
    })
    .execute();
  if (t.mail === false || !t.email) return null;
  return writeOutbox(
    tx,
    config,
    trustId,
    { kind: t.kind, to: t.email, subject: t.subject.slice(0, 300), text: t.lines.join('\n') },
    now,
  );
}

/** True when `kind` names a kind of mail about a person's work (one with a notice). */
export function isWorkMailKind(kind: string): kind is WorkMailKind {
  return kind in mailKindNotice && mailKindNotice[kind as WorkMailKind] !== null;
}
