import type {
  HostDecision,
  NetworkDto,
  NetworkInput,
  VisitingProposal,
  VisitingWalkDto,
} from '../../contracts/observers.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { withTenantMail } from '../mail/after-commit.ts';
import { decide } from '../policy/policy.ts';
import { createVisitingWalkDraft } from '../walks/walk-editing.service.ts';
import * as q from './visiting.queries.ts';
import { tellHostOfProposal, tellProposerOfDecision } from './visiting-notices.ts';

/**
 * Walks across schools (issue 15): networks, proposals, and the host head's answer. The walk
 * itself is an ordinary draft walk of the host school (its protocol settings, caps, notice and
 * programme apply); the host's leaders plan its visits and publish it once they have agreed.
 */

const audit = (tx: Tx, auth: SignedIn, action: string, subjectType: string, subjectId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType,
    subjectId,
  });

const trustWide = (auth: SignedIn, action: 'network.manage' | 'visiting.propose') =>
  decide(auth.actor, action, { trustId: auth.actor.trustId, schoolId: null }) === 'allow';

export function listNetworks(deps: AppDeps, auth: SignedIn): Promise<{ networks: NetworkDto[] }> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const networks = await q.listNetworks(tx);
    const members = await q.networkMembers(
      tx,
      networks.map((n) => n.network_id),
    );
    const all = trustWide(auth, 'network.manage');
    const me = auth.actor.personId;
    return {
      networks: networks
        .map((n) => {
          const mine = members.filter((m) => m.network_id === n.network_id);
          return {
            id: n.network_id,
            name: n.name,
            members: mine.map((m) => ({
              personId: m.person_id,
              fullName: m.full_name,
              lead: m.lead,
              schoolNames: m.school_names,
            })),
            iLead: mine.some((m) => m.person_id === me && m.lead),
          };
        })
        // A network's members are seen by trust leaders and by the network's own members.
        .filter((n) => all || n.members.some((m) => m.personId === me)),
    };
  });
}

export function createNetwork(deps: AppDeps, auth: SignedIn, input: NetworkInput) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    if (!trustWide(auth, 'network.manage')) throw forbidden('set up networks');
    const ids = [...new Set(input.members.map((m) => m.personId))];
    const people = await q.existingPeople(tx, ids);
    const unknown = ids.findIndex((id) => !people.has(id));
    if (unknown >= 0) {
      throw new AppError(
        'validation_failed',
        'One of the members is not a person of this trust (or their account is disabled).',
        [{ field: `body.members.${unknown}.personId`, message: 'is not a person of this trust' }],
      );
    }
    const members = ids.map((id) => ({
      personId: id,
      lead: input.members.some((m) => m.personId === id && m.lead),
    }));
    const networkId = await q.insertNetwork(
      tx,
      { trustId: auth.actor.trustId, name: input.name, by: auth.actor.personId, now: deps.now() },
      members,
    );
    await audit(tx, auth, 'network.create', 'network', networkId);
    return { id: networkId };
  });
}

/** The schools a proposer may choose from, each with its foci (titles only). */
export function hostSchools(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const leads = await q.myLeadNetworks(tx, auth.actor.personId);
    if (!trustWide(auth, 'visiting.propose') && leads.length === 0) {
      throw new AppError(
        'not_a_proposer',
        'Only trust leaders and the leads of a network propose walks in another school.',
      );
    }
    const rows = await q.schoolsWithFoci(tx);
    return { schools: rows.map((r) => ({ id: r.school_id, name: r.name, foci: r.foci })) };
  });
}

export function proposeVisitingWalk(deps: AppDeps, auth: SignedIn, input: VisitingProposal) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const me = auth.actor.personId;
    const asLead = input.networkId ? await q.isNetworkLead(tx, input.networkId, me) : false;
    if (!trustWide(auth, 'visiting.propose') && !asLead) {
      throw new AppError(
        'not_a_proposer',
        input.networkId
          ? 'Only the network’s leads (or a trust leader) propose a walk on its behalf.'
          : 'Only trust leaders propose a walk in another school on the trust’s behalf; a network lead proposes it for their network.',
      );
    }
    const host = await q.findSchool(tx, input.hostSchoolId);
    if (!host) throw notFound('The school');
    const observerIds = [...new Set(input.observerIds)];
    const people = await q.existingPeople(tx, observerIds);
    const homes = await q.homeSchools(tx, observerIds);
    for (const [i, id] of observerIds.entries()) {
      if (!people.has(id)) {
        throw new AppError('validation_failed', 'That observer is not a person of this trust.', [
          { field: `body.observerIds.${i}`, message: 'is not a person of this trust' },
        ]);
      }
      if ((homes.get(id) ?? []).includes(host.school_id)) {
        throw new AppError(
          'not_visiting',
          `${people.get(id)} belongs to ${host.name}: a walk across schools brings observers from other schools. Plan it as one of ${host.name}’s own walks instead, or choose someone from another school.`,
          [{ field: `body.observerIds.${i}`, message: 'belongs to the host school' }],
        );
      }
    }
    if (input.networkId) {
      const members = await q.networkMembers(tx, [input.networkId]);
      const inNetwork = new Set(members.map((m) => m.person_id));
      const outside = observerIds.findIndex((id) => !inNetwork.has(id));
      if (outside >= 0) {
        throw new AppError(
          'not_a_network_member',
          `${people.get(observerIds[outside]!)} is not a member of this network. A network proposes walks for its own members.`,
          [{ field: `body.observerIds.${outside}`, message: 'is not a member of the network' }],
        );
      }
    }
    const homeOf = (id: string) => (homes.get(id) ?? []).find((s) => s !== null) ?? null;
    if (input.calibration) {
      const schools = new Set(observerIds.map(homeOf));
      if (observerIds.length !== 2 || schools.size !== 2) {
        throw new AppError(
          'walk_rejected',
          'A calibration walk pairs two observers from different schools in the same rooms. Name two observers, each from a different school.',
          [{ field: 'body.observerIds', message: 'two observers from different schools' }],
        );
      }
    }
    const networkName = input.networkId
      ? (await q.listNetworks(tx)).find((n) => n.network_id === input.networkId)?.name
      : null;
    if (input.networkId && !networkName) throw notFound('The network');
    const walkId = await createVisitingWalkDraft(
      tx,
      deps,
      auth,
      host.school_id,
      {
        programmeId: null,
        offProgrammeReason: `A walk across schools proposed by ${networkName ?? 'the trust'}; the host school agrees before it is published.`,
        kind: 'learning',
        date: input.date,
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        focusId: input.focusId,
        purpose: input.purpose,
        focusSizeReason: null,
        observerIds,
        departmentIds: [],
        yearGroupIds: [],
      },
      new Set(observerIds),
    );
    await q.insertVisitingWalk(
      tx,
      {
        trustId: auth.actor.trustId,
        walkId,
        hostSchoolId: host.school_id,
        networkId: input.networkId,
        calibration: input.calibration,
        by: me,
        now: deps.now(),
      },
      observerIds.map((id) => ({ personId: id, homeSchoolId: homeOf(id) })),
    );
    await audit(tx, auth, 'visiting_walk.propose', 'walk', walkId);
    const [row] = await q.visitingWalks(tx, [walkId]);
    await tellHostOfProposal(tx, mail, deps.config.publicUrl, row!);
    return toDto(auth, row!);
  });
}

type Row = Awaited<ReturnType<typeof q.visitingWalks>>[number];

function toDto(auth: SignedIn, r: Row): VisitingWalkDto {
  const where = { trustId: r.trust_id, schoolId: r.host_school_id };
  return {
    walkId: r.walk_id,
    hostSchoolId: r.host_school_id,
    hostSchoolName: r.host_school_name,
    networkName: r.network_name,
    calibration: r.calibration,
    status: r.status,
    walkStatus: r.walk_status,
    date: r.walk_date,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    focusTitle: r.focus_title,
    purpose: r.purpose,
    proposedByName: r.proposed_by_name,
    declineReason: r.decline_reason,
    observers: r.observers,
    canDecide:
      r.status === 'proposed' && decide(auth.actor, 'visiting.host_decide', where) === 'allow',
    iVisit: r.observers.some((o) => o.personId === auth.actor.personId),
  };
}

/**
 * The walks across schools this person has a part in: proposed by them or their network, hosted
 * by their school (its leaders), or visited by them. Trust leaders see all of them.
 */
export function listVisitingWalks(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const me = auth.actor.personId;
    const [rows, leads] = await Promise.all([q.visitingWalks(tx), q.myLeadNetworks(tx, me)]);
    const all = trustWide(auth, 'visiting.propose');
    const walks = rows
      .filter(
        (r) =>
          all ||
          r.proposed_by === me ||
          (r.network_id !== null && leads.includes(r.network_id)) ||
          r.observers.some((o) => o.personId === me) ||
          decide(auth.actor, 'visiting.host_decide', {
            trustId: r.trust_id,
            schoolId: r.host_school_id,
          }) === 'allow',
      )
      .map((r) => toDto(auth, r));
    return { walks };
  });
}

/** The host school's head (a leader of the host school) agrees, or declines with a reason. */
export function decideOnVisitingWalk(
  deps: AppDeps,
  auth: SignedIn,
  walkId: string,
  input: HostDecision,
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const [row] = await q.visitingWalks(tx, [walkId]);
    if (!row) throw notFound('The walk across schools');
    const decision = decide(auth.actor, 'visiting.host_decide', {
      trustId: row.trust_id,
      schoolId: row.host_school_id,
    });
    if (decision === 'not_found') throw notFound('The walk across schools');
    if (decision === 'deny') {
      throw forbidden(`answer for ${row.host_school_name}: only its own leaders agree to a visit`);
    }
    if (row.status !== 'proposed') {
      throw new AppError(
        'already_decided',
        `${row.host_school_name} has already ${row.status} this walk.`,
      );
    }
    const reason = input.reason?.trim() ?? '';
    if (!input.agree && reason.length < 5) {
      throw new AppError(
        'validation_failed',
        'Say why the school declines (a sentence is enough): the proposer is told the reason.',
        [{ field: 'body.reason', message: 'is required when declining' }],
      );
    }
    await q.decideVisitingWalk(tx, walkId, {
      agree: input.agree,
      reason: input.agree ? null : reason,
      by: auth.actor.personId,
      now: deps.now(),
    });
    await audit(
      tx,
      auth,
      input.agree ? 'visiting_walk.agree' : 'visiting_walk.decline',
      'walk',
      walkId,
    );
    const [updated] = await q.visitingWalks(tx, [walkId]);
    await tellProposerOfDecision(tx, mail, deps.config.publicUrl, updated!);
    return toDto(auth, updated!);
  });
}
