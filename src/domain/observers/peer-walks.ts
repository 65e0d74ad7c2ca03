import type { LanguageFinding, NeutralLanguageChecker } from '../neutral-language/checker.ts';
import type { Role } from '../people/roles.ts';

/**
 * Peer walks (issue 15). A school chooses which of its teachers may observe; its leaders and
 * the people it gave the observer role observe as before. After handing in, an observer writes
 * a private reflection on their own practice, shared only with the one coach they choose, and
 * ideas to try; an idea they tick is shown in the staff summary without a name, and only when
 * enough observers contributed that no idea can be traced to one of them.
 */

export const PEER_OBSERVER_RULE = 'peer_observers';
export const peerObserverRuleLabel = (schoolName: string) =>
  `${schoolName} chooses which teachers may observe`;

/** Roles that observe a learning walk without being chosen as a peer observer. */
const OBSERVING_ROLES: readonly Role[] = ['school_leader', 'observer'];
const TRUST_ROLES: readonly Role[] = ['trust_admin', 'trust_leader'];

export type ObserverStanding = {
  personName: string;
  /** The person's roles in the walk's school. */
  schoolRoles: readonly Role[];
  /** The person's trust-wide roles. */
  trustRoles: readonly Role[];
  /** On the school's list of peer observers. */
  listed: boolean;
  /** A visiting observer of this walk (walks across schools; their own rule applies). */
  visiting: boolean;
};

export type PeerObserverRefusal = { rule: string; ruleLabel: string; message: string };

/**
 * May this person be named an observer of a learning walk? Leaders, observers, trust leaders and
 * visiting observers may; anyone else (a teacher, a site manager) only once the school has added
 * them to its peer observers. Site walks are not learning walks: their walkers are not checked.
 */
export function peerObserverRefusal(
  p: ObserverStanding,
  walk: { schoolName: string; siteWalk: boolean },
): PeerObserverRefusal | null {
  if (walk.siteWalk || p.visiting || p.listed) return null;
  if (p.schoolRoles.some((r) => OBSERVING_ROLES.includes(r))) return null;
  if (p.trustRoles.some((r) => TRUST_ROLES.includes(r))) return null;
  const ruleLabel = peerObserverRuleLabel(walk.schoolName);
  return {
    rule: PEER_OBSERVER_RULE,
    ruleLabel,
    message: `Peer observers: ${ruleLabel}. ${p.personName} is not one of its peer observers. A school leader can add them under Peer observers on the school’s page; then name them on the walk.`,
  };
}

/** Who may add a teacher to the list: a member of the school's staff without an observing role. */
export function peerListProblem(schoolRoles: readonly Role[], personName: string): string | null {
  if (schoolRoles.length === 0) {
    return `${personName} is not a member of this school’s staff: only its own staff can be its peer observers.`;
  }
  if (schoolRoles.some((r) => OBSERVING_ROLES.includes(r))) {
    return `${personName} already observes as a leader or observer of this school: there is no need to add them.`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The private reflection
// ---------------------------------------------------------------------------------------------

export type ReflectionReader = 'author' | 'coach' | 'none';

/**
 * Who reads a reflection: its author, and the coach they chose while they share it. Nobody else
 * — not a leader, not the walk's other observers — learns that it exists.
 */
export function reflectionReader(
  personId: string,
  r: { authorId: string; coachId: string | null },
): ReflectionReader {
  if (personId === r.authorId) return 'author';
  if (r.coachId !== null && personId === r.coachId) return 'coach';
  return 'none';
}

/** Why this observer cannot write a reflection on the walk yet (null: they can). */
export function reflectionNotYet(facts: { observer: boolean; handedIn: boolean }): string | null {
  if (!facts.observer) return 'Only the walk’s observers write a reflection on it.';
  if (!facts.handedIn) {
    return 'Hand in your records of this walk first: the reflection comes after the walk.';
  }
  return null;
}

export function coachProblem(
  authorId: string,
  coachId: string,
  sharesASchool: boolean,
): string | null {
  if (coachId === authorId)
    return 'Choose someone else as your coach: the reflection is already yours.';
  if (!sharesASchool) return 'Your coach must work in one of your schools.';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Ideas to try, and "ideas colleagues took away"
// ---------------------------------------------------------------------------------------------

export type IdeaWordingProblem = { text: string; findings: LanguageFinding[]; message: string };

/**
 * An idea shared in the staff summary is read by all staff, so it must not name or judge anyone:
 * the neutral-language checker's findings refuse it, each explained. Private ideas are the
 * author's own and are not checked.
 */
export function sharedIdeaProblem(
  checker: NeutralLanguageChecker,
  text: string,
): IdeaWordingProblem | null {
  const findings = checker.check(text);
  if (findings.length === 0) return null;
  const first = findings[0]!;
  return {
    text,
    findings,
    message: `The idea “${text}” cannot be shared in the staff summary: ${first.explanation} ${first.hint.replace(/\.$/, '')}. Reword it as something to try in your own lessons, or keep it private.`,
  };
}

export type SharedIdea = { authorId: string; text: string; lookForPrompt: string | null };

export type IdeasTakenAway =
  | { status: 'none'; contributors: 0; k: number }
  | { status: 'suppressed'; contributors: number; k: number; reason: string }
  | {
      status: 'shown';
      contributors: number;
      k: number;
      /** Sorted by text, never in the order given, with no name. */
      ideas: { text: string; lookForPrompt: string | null }[];
    };

export const ideasSuppressedReason = (contributors: number, k: number) =>
  `${contributors === 1 ? 'One observer' : `${contributors} observers`} shared ideas they took away. They are shown only when at least ${k} observers have shared, so no idea can be traced to the colleague who wrote it.`;

/** The staff summary's "ideas colleagues took away": shown only when k or more observers shared. */
export function ideasTakenAway(ideas: readonly SharedIdea[], k: number): IdeasTakenAway {
  const contributors = new Set(ideas.map((i) => i.authorId)).size;
  if (contributors === 0) return { status: 'none', contributors: 0, k };
  if (contributors < k) {
    return {
      status: 'suppressed',
      contributors,
      k,
      reason: ideasSuppressedReason(contributors, k),
    };
  }
  const seen = new Set<string>();
  const shown: { text: string; lookForPrompt: string | null }[] = [];
  for (const i of ideas) {
    const key = `${i.text.trim().toLowerCase()}|${i.lookForPrompt ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    shown.push({ text: i.text.trim(), lookForPrompt: i.lookForPrompt });
  }
  shown.sort(
    (a, b) =>
      a.text.localeCompare(b.text, 'en-GB') ||
      (a.lookForPrompt ?? '').localeCompare(b.lookForPrompt ?? ''),
  );
  return { status: 'shown', contributors, k, ideas: shown };
}
