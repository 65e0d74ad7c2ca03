import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { hashToken } from '../http/sessions.ts';
import { findStanding, standingRefusal } from '../http/standing.ts';
import { deliver, type Queued, queueMail } from '../mail/mailer.ts';
import { findIdentities } from './auth.queries.ts';
import { type Opened, openSession } from './auth.service.ts';

export const INVITATION_VALID_MS = 7 * 24 * 3_600_000;
export const SIGN_IN_LINK_VALID_MS = 15 * 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type Purpose = 'invitation' | 'sign_in';

/**
 * Stores a new single-use link (only its hash) and returns the URL to mail. The trust id
 * travels beside the token so redemption runs inside the tenant's RLS; the whole value
 * sits in the fragment, which browsers never send to the server or put in its logs.
 */
export async function createSignInLink(
  tx: Tx,
  config: Config,
  link: { trustId: string; personId: string; purpose: Purpose },
  now: Date,
) {
  const secret = randomBytes(32).toString('base64url');
  const validMs = link.purpose === 'invitation' ? INVITATION_VALID_MS : SIGN_IN_LINK_VALID_MS;
  const row = await tx
    .insertInto('sign_in_links')
    .values({
      trust_id: link.trustId,
      person_id: link.personId,
      token_hash: hashToken(secret),
      purpose: link.purpose,
      created_at: now,
      expires_at: new Date(now.getTime() + validMs),
    })
    .returning('link_id')
    .executeTakeFirstOrThrow();
  const token = `${link.trustId}.${secret}`;
  return { linkId: row.link_id, token, url: `${config.publicUrl}/sign-in/link#token=${token}` };
}

const linkInvalid = () =>
  new AppError(
    'link_invalid',
    'This sign-in link is not valid. Check you opened the whole link from the email, or ask for a new one.',
  );

/** Redeems a link once: marks it used and opens a session in the same transaction. */
export async function redeemSignInLink(
  deps: AppDeps,
  token: string,
  requestId: string,
): Promise<Opened> {
  const dot = token.indexOf('.');
  const trustId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (dot < 0 || !UUID.test(trustId) || secret.length < 20) throw linkInvalid();
  const now = deps.now();
  return withTenant(deps.db, trustId, async (tx) => {
    const link = await tx
      .selectFrom('sign_in_links')
      .selectAll()
      .where('token_hash', '=', hashToken(secret))
      .executeTakeFirst();
    if (!link) throw linkInvalid();
    if (link.used_at) {
      throw new AppError(
        'link_used',
        'This sign-in link has already been used, and each link works only once. Ask for a new link from the sign-in page.',
      );
    }
    if (link.expires_at.getTime() <= now.getTime()) {
      throw new AppError(
        'link_expired',
        'This sign-in link has expired. Ask for a new link from the sign-in page.',
      );
    }
    // The guard on used_at makes a race between two redemptions lose cleanly.
    const claimed = await tx
      .updateTable('sign_in_links')
      .set({ used_at: now })
      .where('link_id', '=', link.link_id)
      .where('used_at', 'is', null)
      .returning('link_id')
      .executeTakeFirst();
    if (!claimed) {
      throw new AppError(
        'link_used',
        'This sign-in link has already been used, and each link works only once. Ask for a new link from the sign-in page.',
      );
    }
    return openSession(tx, deps, {
      trustId,
      personId: link.person_id,
      requestId,
      action: link.purpose === 'invitation' ? 'auth.invitation_accepted' : 'auth.sign_in_by_link',
      secondFactor: 'ask',
    });
  });
}

/**
 * "Email me a sign-in link": one link per trust that knows the address. Says nothing
 * about whether it does: the route answers before this runs, so timing tells nothing either.
 */
export async function requestSignInLink(
  deps: AppDeps,
  email: string,
  requestId: string,
  log?: { error(obj: unknown, msg: string): void },
) {
  const identities = await findIdentities(deps.db, email);
  const queued: Queued[] = [];
  for (const identity of identities) {
    const now = deps.now();
    const mail = await withTenant(deps.db, identity.trust_id, async (tx) => {
      const standing = await findStanding(tx, identity.person_id);
      // A disabled account or a leaver gets no link; the answer to the asker is the same.
      if (standingRefusal(standing)) return null;
      const trust = await tx
        .selectFrom('trusts')
        .innerJoin('people', 'people.trust_id', 'trusts.trust_id')
        .select(['trusts.name as trust_name', 'people.full_name'])
        .where('people.person_id', '=', identity.person_id)
        .executeTakeFirstOrThrow();
      const link = await createSignInLink(
        tx,
        deps.config,
        { trustId: identity.trust_id, personId: identity.person_id, purpose: 'sign_in' },
        now,
      );
      await recordAudit(tx, {
        trustId: identity.trust_id,
        actorPersonId: identity.person_id,
        action: 'auth.sign_in_link_sent',
        subjectType: 'sign_in_link',
        subjectId: link.linkId,
        requestId,
      });
      return queueMail(
        tx,
        deps.config,
        identity.trust_id,
        {
          to: email,
          subject: `Your sign-in link for Learning Walks (${trust.trust_name})`,
          text: [
            `Hello ${trust.full_name},`,
            '',
            `Someone (we hope you) asked for a link to sign in to Learning Walks for ${trust.trust_name}.`,
            '',
            `Sign in: ${link.url}`,
            '',
            'The link works once, for 15 minutes. If you did not ask for it, ignore this email: nobody can use it without access to your inbox.',
          ].join('\n'),
          credentialUrl: link.url,
          kind: 'sign_in_link',
        },
        now,
      );
    });
    if (mail) queued.push(mail);
  }
  await deliver({ ...deps, log }, queued);
}
