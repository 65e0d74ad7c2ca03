import type { Kysely } from 'kysely';
import type { GettingStarted, SetupRequest, SetupResponse } from '../../contracts/trusts.ts';
import { checklistFinished, gettingStartedSteps } from '../../domain/trusts/getting-started.ts';
import {
  checkNewTrust,
  type NewTrust,
  type NewTrustKind,
  nextSlug,
  passwordProblem,
} from '../../domain/trusts/new-trust.ts';
import { recordAudit } from '../audit/audit.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { createSignInLink } from '../auth/sign-in-links.ts';
import type { Config } from '../config.ts';
import type { Phase } from '../db/schema/people-and-schools.ts';
import type { DB } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { createSession } from '../http/sessions.ts';
import { allTrustIds } from '../kernel/trusts.ts';
import { type DeliverDeps, deliver, type Queued, queueMail } from '../mail/mailer.ts';
import { decide } from '../policy/policy.ts';
import * as q from './trusts.queries.ts';

/** The demo's published password, passed in so this feature need not know the demo. */
export type ProvisionDeps = DeliverDeps & { demoPassword: string };

export type ProvisionInput = {
  kind: NewTrustKind;
  name: string;
  slug?: string | undefined;
  phase?: Phase | undefined;
  admin: { fullName: string; email: string };
  /** A first password; null: the administrator gets a sign-in link by email instead. */
  password: string | null;
  /** The first-run wizard: only while the installation has no account at all. */
  firstRun: boolean;
  requestId?: string | null;
};

export type Provisioned = {
  trust: NewTrust & { trustId: string };
  adminId: string;
  /** With a password, a session for the administrator (the wizard signs them in). */
  session: { cookieValue: string; csrfToken: string } | null;
  /** Without one, the invitation link (mailed, or printed when SMTP is unset). */
  linkUrl: string | null;
};

function invalid(problems: { field: string; message: string }[]): never {
  // The same details as a request the schema refused: one { field, message } per problem.
  throw new AppError(
    'validation_failed',
    problems.map((p) => p.message).join(' '),
    problems.map((p) => ({ field: `body.${p.field}`, message: p.message })),
  );
}

/**
 * Makes a trust (or a single school: a trust of one school) and its first trust administrator,
 * the one way both the set-up wizard and the operators' command do it. One transaction, under
 * an installation-wide lock, so a wizard racing another (or the command) makes one trust.
 */
export async function provisionTrust(
  deps: ProvisionDeps,
  input: ProvisionInput,
): Promise<Provisioned> {
  const checked = checkNewTrust(input);
  if (!checked.ok) invalid(checked.problems);
  const trust = checked.trust;
  if (input.password !== null) {
    const problem = passwordProblem(input.password, deps.demoPassword);
    if (problem) invalid([{ field: 'signIn.password', message: problem }]);
  }
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  const trustId = crypto.randomUUID();
  const now = deps.now();
  const queued: Queued[] = [];
  const made = await withTenant(deps.db, trustId, async (tx) => {
    await q.lockTrustMaking(tx);
    if (input.firstRun && (await q.anyAccount(tx))) {
      throw new AppError(
        'already_set_up',
        'This installation has already been set up. Sign in instead; to add another trust, an operator uses `npm run trust -- create`.',
      );
    }
    const slug = await insertWithFreeSlug(tx, trust, trustId, Boolean(input.slug), now);
    const adminId = await q.insertFirstAdmin(tx, {
      trustId,
      fullName: trust.admin.fullName,
      email: trust.admin.email,
      passwordHash,
      now,
    });
    if (trust.kind === 'single_school') {
      await q.insertSchool(tx, { trustId, name: trust.name, phase: input.phase ?? 'primary' });
    }
    await recordAudit(tx, {
      trustId,
      actorPersonId: input.firstRun ? adminId : null,
      action: input.firstRun ? 'trust.set_up' : 'trust.created_by_operator',
      subjectType: 'trust',
      subjectId: trustId,
      requestId: input.requestId ?? null,
    });
    let session: Provisioned['session'] = null;
    let linkUrl: string | null = null;
    if (passwordHash) {
      const made = await createSession(tx, trustId, adminId, now);
      session = { cookieValue: made.cookieValue, csrfToken: made.csrfToken };
    } else {
      linkUrl = await inviteAdmin(
        tx,
        deps.config,
        { ...trust, slug },
        trustId,
        adminId,
        now,
        queued,
      );
    }
    return { trust: { ...trust, slug, trustId }, adminId, session, linkUrl };
  });
  await deliver(deps, queued);
  return made;
}

async function insertWithFreeSlug(
  tx: Tx,
  trust: NewTrust,
  trustId: string,
  chosen: boolean,
  now: Date,
) {
  const taken = await q.takenSlugs(tx, trustId);
  for (let attempt = 1; attempt <= (chosen ? 1 : 500); attempt++) {
    const slug = nextSlug(trust.slug, attempt);
    if (taken.has(slug)) continue;
    await q.insertTrust(tx, {
      trustId,
      name: trust.name,
      slug,
      singleSchool: trust.kind === 'single_school',
      now,
    });
    return slug;
  }
  throw new AppError(
    'trust_slug_taken',
    `Another trust already has the short name “${trust.slug}”. Choose another with --slug.`,
  );
}

async function inviteAdmin(
  tx: Tx,
  config: Config,
  trust: NewTrust,
  trustId: string,
  adminId: string,
  now: Date,
  queued: Queued[],
) {
  const link = await createSignInLink(
    tx,
    config,
    { trustId, personId: adminId, purpose: 'invitation' },
    now,
  );
  const where = trust.kind === 'single_school' ? trust.name : `the trust ${trust.name}`;
  queued.push(
    await queueMail(
      tx,
      config,
      trustId,
      {
        kind: 'account_invitation',
        to: trust.admin.email,
        subject: `Set up Learning Walks for ${trust.name}`,
        text: [
          `Hello ${trust.admin.fullName},`,
          '',
          `You are the first administrator of Learning Walks for ${where}.`,
          '',
          `Sign in: ${link.url}`,
          '',
          'The link works once, for 7 days. Your home page then lists what to set up first.',
        ].join('\n'),
        credentialUrl: link.url,
      },
      now,
    ),
  );
  return link.url;
}

/** Whether this installation still waits for its first trust (the wizard's page asks). */
export async function setupNeeded(db: Kysely<DB>) {
  return !(await q.anyAccount(db));
}

/** The wizard: the first trust and its administrator, on an empty installation only. */
export async function firstRunSetup(
  deps: AppDeps & { demoPassword: string },
  input: SetupRequest,
  requestId: string,
): Promise<{ response: SetupResponse; cookieValue: string | null }> {
  if (input.kind === 'single_school' && !input.phase) {
    invalid([{ field: 'phase', message: 'Choose the school’s phase.' }]);
  }
  const made = await provisionTrust(deps, {
    kind: input.kind,
    name: input.name,
    phase: input.phase,
    admin: input.admin,
    password: input.signIn.method === 'password' ? input.signIn.password : null,
    firstRun: true,
    requestId,
  });
  const singleSchool = made.trust.kind === 'single_school';
  return {
    cookieValue: made.session?.cookieValue ?? null,
    response: {
      trust: { id: made.trust.trustId, name: made.trust.name, slug: made.trust.slug, singleSchool },
      signedIn: made.session !== null,
      csrfToken: made.session?.csrfToken ?? null,
      message: made.session
        ? `${made.trust.name} is set up, and you are signed in.`
        : `${made.trust.name} is set up. We have sent a sign-in link to ${made.trust.admin.email}${deps.config.mail.smtpUrl ? '' : ' (with no mail server set, it is printed on the server’s console)'}.`,
    },
  };
}

/** The getting-started checklist of a trust administrator, ticked from the trust's data. */
export function gettingStarted(deps: AppDeps, auth: SignedIn): Promise<GettingStarted> {
  const { actor } = auth;
  return withTenant(deps.db, actor.trustId, async (tx) => {
    const decision = decide(actor, 'trust.getting_started', {
      trustId: actor.trustId,
      schoolId: null,
    });
    if (decision !== 'allow') {
      throw new AppError(
        'forbidden',
        'Only a trust administrator sees the getting-started checklist.',
      );
    }
    const [trust, schools, frameworks] = await Promise.all([
      q.findTrust(tx, actor.trustId),
      q.schoolFacts(tx),
      q.publishedFrameworks(tx),
    ]);
    const singleSchool = trust?.single_school ?? false;
    const steps = gettingStartedSteps({
      singleSchool,
      publishedFrameworks: frameworks,
      schools: schools.map((s) => ({
        id: s.school_id,
        name: s.name,
        terms: Number(s.terms),
        closures: Number(s.closures),
        leaders: Number(s.leaders),
        staff: Number(s.staff),
        rooms: Number(s.rooms),
        lessons: Number(s.lessons),
        settingsSaved: Boolean(s.settings_saved),
        programmesConsulted: Number(s.programmes_consulted),
      })),
    });
    return { singleSchool, finished: checklistFinished(steps), steps };
  });
}

export type TrustLine = {
  trustId: string;
  name: string;
  slug: string;
  singleSchool: boolean;
  disabled: boolean;
  people: number;
  schools: number;
};

/** Every trust of the installation (the operators' command). */
export async function listTrusts(db: Kysely<DB>): Promise<TrustLine[]> {
  const lines: TrustLine[] = [];
  for (const trustId of await allTrustIds(db)) {
    const line = await withTenant(db, trustId, async (tx) => {
      const trust = await q.findTrust(tx, trustId);
      if (!trust) return null;
      const counts = await q.trustCounts(tx);
      return {
        trustId,
        name: trust.name,
        slug: trust.slug,
        singleSchool: trust.single_school,
        disabled: trust.disabled_at !== null,
        ...counts,
      };
    });
    if (line) lines.push(line);
  }
  return lines.sort((a, b) => a.slug.localeCompare(b.slug));
}

/**
 * Disables a trust (nobody signs in; every session ends now; its data stays) or enables it
 * again. Found by its short name or id.
 */
export async function setTrustEnabled(
  deps: { db: Kysely<DB>; now: () => Date },
  which: string,
  enabled: boolean,
): Promise<TrustLine> {
  const line = (await listTrusts(deps.db)).find((t) => t.slug === which || t.trustId === which);
  if (!line) {
    throw new AppError(
      'not_found',
      `No trust has the short name or id “${which}”. See them with \`npm run trust -- list\`.`,
    );
  }
  const now = deps.now();
  await withTenant(deps.db, line.trustId, async (tx) => {
    await q.setTrustDisabled(tx, line.trustId, enabled ? null : now);
    if (!enabled) await q.endTrustSessions(tx, now);
    await recordAudit(tx, {
      trustId: line.trustId,
      actorPersonId: null,
      action: enabled ? 'trust.enabled_by_operator' : 'trust.disabled_by_operator',
      subjectType: 'trust',
      subjectId: line.trustId,
    });
  });
  return { ...line, disabled: !enabled };
}

/**
 * Emails of enabled accounts, in enabled trusts, that still have the given password (the
 * production start-up check for the demo's). Checking every hash would cost a second per fifty
 * accounts, so it checks the named addresses (the demo's) and every hash shared by several
 * accounts (the demo writes one hash for all): an account that still has the demo's password
 * is one or the other.
 */
export async function accountsWithPassword(
  db: Kysely<DB>,
  password: string,
  named: ReadonlySet<string>,
): Promise<string[]> {
  const found: string[] = [];
  for (const line of await listTrusts(db)) {
    if (line.disabled) continue;
    const rows = await withTenant(db, line.trustId, (tx) => q.credentialsOfTrust(tx));
    const uses = new Map<string, number>();
    for (const r of rows) uses.set(r.password_hash, (uses.get(r.password_hash) ?? 0) + 1);
    const verdicts = new Map<string, boolean>();
    for (const r of rows) {
      if (!named.has(r.email) && (uses.get(r.password_hash) ?? 0) < 2) continue;
      let match = verdicts.get(r.password_hash);
      if (match === undefined) {
        match = await verifyPassword(r.password_hash, password);
        verdicts.set(r.password_hash, match);
      }
      if (match) found.push(r.email);
    }
  }
  return found;
}
