import type { InvitationRequest, InvitationResponse } from '../../contracts/mail.ts';
import { roleLabels } from '../../domain/people/roles.ts';
import { recordAudit } from '../audit/audit.ts';
import { createSignInLink } from '../auth/sign-in-links.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { deliver, queueMail } from '../mail/mailer.ts';
import { decide } from '../policy/policy.ts';
import { assertMayGiveRoles } from './grants.ts';
import * as q from './invitations.queries.ts';

type Log = { error(obj: unknown, msg: string): void };

/**
 * Invites someone: creates them if the trust does not know the address, adds the roles
 * (again is harmless) and mails a fresh single-use link, valid for 7 days.
 */
export async function invite(
  deps: AppDeps,
  auth: SignedIn,
  input: InvitationRequest,
  requestId: string,
  log?: Log,
): Promise<InvitationResponse> {
  const { actor } = auth;
  const now = deps.now();
  const { response, queued } = await withTenant(deps.db, actor.trustId, async (tx) => {
    let schoolName: string | null = null;
    if (input.schoolId) {
      const school = await q.findSchoolName(tx, input.schoolId);
      if (!school) throw notFound('The school');
      schoolName = school.name;
    }
    const decision = decide(actor, 'person.invite', {
      trustId: actor.trustId,
      schoolId: input.schoolId,
    });
    if (decision === 'not_found') throw notFound('The school');
    if (decision === 'deny') {
      throw forbidden(
        input.schoolId ? 'invite people to this school' : 'invite people to trust-wide roles',
      );
    }

    const existing = await q.findPersonByEmail(tx, input.email);
    await assertMayGiveRoles(tx, actor, existing, input.roles);
    const person =
      existing ??
      (await q.createPerson(tx, actor.trustId, { fullName: input.fullName, email: input.email }));
    await q.addMemberships(tx, actor.trustId, person.person_id, input.schoolId, input.roles);

    const link = await createSignInLink(
      tx,
      deps.config,
      { trustId: actor.trustId, personId: person.person_id, purpose: 'invitation' },
      now,
    );
    const trust = await q.findTrust(tx);
    const inviter = await q.findPersonName(tx, actor.personId);
    const roles = input.roles.map((r) => roleLabels[r].toLowerCase()).join(', ');
    const queuedMail = await queueMail(
      tx,
      deps.config,
      actor.trustId,
      {
        to: person.email,
        subject: `You are invited to Learning Walks (${trust.name})`,
        text: [
          `Hello ${person.full_name},`,
          '',
          `${inviter} has invited you to Learning Walks for ${trust.name}${schoolName ? `, at ${schoolName}` : ''}, as ${roles}.`,
          '',
          `Sign in: ${link.url}`,
          '',
          'The link works once and expires in 7 days. You do not need a password: whenever you want to sign in later, ask for a new link on the sign-in page.',
        ].join('\n'),
        credentialUrl: link.url,
        kind: 'account_invitation',
      },
      now,
    );
    await recordAudit(tx, {
      trustId: actor.trustId,
      actorPersonId: actor.personId,
      action: existing ? 'person.reinvited' : 'person.invited',
      subjectType: 'person',
      subjectId: person.person_id,
      requestId,
    });
    return {
      queued: queuedMail,
      response: {
        person: { id: person.person_id, fullName: person.full_name, email: person.email },
        created: !existing,
        mail: { id: queuedMail.mailId, delivery: queuedMail.delivery },
      },
    };
  });
  // After the commit: the person exists before the mail that names them can arrive.
  await deliver({ ...deps, log }, [queued]);
  return response;
}
