import type { Outbox } from '../../contracts/mail.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { decide } from '../policy/policy.ts';
import * as q from './outbox.queries.ts';

/**
 * The outbox: a trust admin reads the whole trust's mail, a school leader the mail
 * sent to their school's staff. Bodies are shown only for mail kept locally (no SMTP).
 */
export function readOutbox(
  deps: AppDeps,
  auth: SignedIn,
  page: { limit: number; offset: number; q?: string | undefined },
): Promise<Outbox> {
  const { actor } = auth;
  return withTenant(deps.db, actor.trustId, async (tx) => {
    let scope: string[] | null = null;
    if (decide(actor, 'mail.view_outbox', { trustId: actor.trustId, schoolId: null }) !== 'allow') {
      const schools = await q.listSchoolIds(tx);
      scope = schools.filter(
        (schoolId) =>
          decide(actor, 'mail.view_outbox', { trustId: actor.trustId, schoolId }) === 'allow',
      );
      if (scope.length === 0) throw forbidden('read the mail outbox');
    }
    // The page and the number matching in one query; past the last page, none match there.
    const rows = await q.pageOfOutbox(tx, scope, { ...page, search: page.q });
    const total = rows[0]?.total ?? 0;
    return {
      mails: rows.map((r) => ({
        id: r.mail_id,
        to: r.to_address,
        subject: r.subject,
        body: r.delivery === 'local' ? r.text_body : null,
        carriesCredential: r.carries_credential,
        delivery: r.delivery,
        createdAt: r.created_at.toISOString(),
        sentAt: r.sent_at ? r.sent_at.toISOString() : null,
        lastError: r.last_error,
        kind: r.kind,
      })),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  });
}
