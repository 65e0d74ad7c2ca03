import { createChecker } from '../neutral-language/checker.ts';
import { checkEvaluation } from './evaluation.ts';
import { suggestRewrite } from './rewrites.ts';
import { type NounPhrase, type Reading, readAll, type Token } from './sentence.ts';
import { distinct, type Finding } from './text.ts';

/**
 * Never about an individual (protocol rule 2, and the named-person part of rule 6). A focus or
 * purpose is about learning across classes. It is refused when it singles out a person:
 *  - by name: a title with a name ("Mr Patel", "Miss H"), or a name or staff code from the
 *    school's staff list;
 *  - by a role one person holds: NQT/ECT or trainee, the SENCo, head of…, deputy or assistant
 *    head, a subject or phase lead, or an adult narrowed down to one ("the new maths teacher",
 *    "a particular colleague", "the teacher in room M4", "the teacher who…"); "the class
 *    teacher" or "every teacher" is anyone, and passes;
 *  - by their room ("room M4", "in S12");
 *  - or when it ties the walk to appraisal, capability, performance management or grading.
 */

export const individualReasons = {
  'names-an-individual':
    'It names a person. Look-fors and foci are about pupils and learning across many rooms, never one member of staff.',
  'singles-out-a-role':
    'It points at one member of staff through a role only they hold, or an adult narrowed down to one. A focus is about learning across classes; describe the learning instead.',
  'names-a-room':
    'It names a room, which points at whoever teaches there. A focus is about learning across the school, not one classroom.',
  'links-to-appraisal':
    'It ties the walk to appraisal, capability, performance management or grading. Learning walks are never used to judge a member of staff; keep them for shared learning about pupils.',
} as const;

export type IndividualRule = keyof typeof individualReasons;

/** Roles one person holds, or whose holders are on induction: always singling out. */
const ONE_HOLDER = new Set([
  'nqt',
  'nqts',
  'ect',
  'ects',
  'rqt',
  'rqts',
  'trainee',
  'trainees',
  'trainee teacher',
  'student teacher',
  'supply teacher',
  'cover supervisor',
  'senco',
  'sendco',
  'headteacher',
  'head teacher',
  'teacher in charge',
]);
/** Singular adults that are anyone until narrowed down. */
const ANYONE = new Set([
  'teacher',
  'class teacher',
  'form tutor',
  'tutor',
  'adult',
  'member of staff',
  'staff member',
  'practitioner',
  'colleague',
  'teaching assistant',
  'ta',
  'lsa',
]);
/** Modifiers that do not narrow an adult down: "the class teacher", "each teacher". */
const GENERIC_MODIFIERS = new Set([
  'the',
  'a',
  'an',
  'class',
  'form',
  'classroom',
  'their',
  'our',
  'your',
  'pupils',
  'pupil',
]);
const EVERYONE = new Set(['each', 'every', 'any', 'all', 'no', 'other']);
const ROLE_PATTERNS: RegExp[] = [
  /\bhead of (?:the )?(?:year \d+|key stage \d|sixth form|[a-z]+)/,
  /\b(?:deputy|assistant) head(?:teacher)?\b/,
  /\b(?:subject|curriculum|phase|department|year|key stage \d|ks\d|literacy|numeracy|maths|english|science|eyfs|send) (?:lead|leader|coordinator|co-ordinator)\b/,
  /\b(?:hod|hoy|slt link|dsl)\b/,
  /\bnewly qualified\b/,
  /\bearly[ -]career teachers?\b/,
];
const ROOM_WORDS =
  /\b(?:room|classroom|lab|laboratory|studio|suite|hut|mobile|portakabin|workshop) ?[A-Za-z]{0,2}\d{1,3}[A-Za-z]?\b/i;
/** A room code after "in": M4, S12, B2.04 — not a key stage or a year ("KS3", "Y7"). */
const ROOM_CODE =
  /\b(?:in|into|outside) ((?!KS\d|Y\d|Yr\d|Year)[A-Z]{1,3}\d{1,3}(?:\.\d{1,3})?[A-Za-z]?)\b/;
const APPRAISAL: RegExp[] = [
  /\bapprais(?:al|als|e|ed|ing)\b/,
  /\bcapability\b(?! of pupils)/,
  /\bcompeten(?:cy|ce) (?:procedure|process|plan|review)s?\b/,
  /\bperformance[ -](?:management|review|related pay|targets?|appraisal|concerns?)\b/,
  /\b(?:teacher|teachers|staff|individual|colleague|colleagues) performance\b/,
  /\bperformance of (?:the |a |our |this |each |individual )?(?:teachers?|staff|colleagues?)\b/,
  /\bpay progression\b/,
  /\bthreshold\b/,
  /\bdisciplinary\b/,
  /\bprobation(?:ary)?\b/,
  /\bpm (?:targets?|reviews?|meetings?|evidence)\b/,
  /\b(?:informal |formal )?support plan\b/,
  /\binduction (?:assessment|report|review|evidence)s?\b/,
  /\b(?:grad(?:e|es|ed|ing)|rat(?:e|ed|ing)) (?:the |of |each |our )?(?:teachers?|teaching|lessons?|staff|colleagues?)\b/,
  /\b(?:lessons?|teaching|teachers?|staff) (?:grades?|grading|gradings|ratings?)\b/,
  /\bgraded (?:lessons?|observations?)\b/,
  /\bquality assur\w* (?:of )?(?:teaching|teachers|staff)\b/,
  /\bmonitor(?:ing)? (?:of )?(?:staff|teachers|a teacher|the teacher|individual)\b/,
  /\bmock (?:ofsted|inspection)\b/,
];

function finding(rule: IndividualRule, phrase: string, r: Reading | string): Finding {
  return {
    check: rule === 'names-an-individual' ? 'individual' : 'focus_individual',
    rule,
    phrase,
    reason: individualReasons[rule],
    rewrite: `Try: “${suggestRewrite(typeof r === 'string' ? r : r.text, 'focus')}”.`,
  };
}

const TITLE = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?$/;

/** Titles with a name ("Mr Patel", "Dr. Okafor", "Miss H"), anywhere. */
export function checkIndividual(text: string): Finding[] {
  return distinct(
    readAll(text).flatMap((r) =>
      r.phrases
        .filter(
          (p) => p.cls === 'staff' && TITLE.test(r.tokens[p.from]!.raw) && p.to - p.from === 2,
        )
        .map((p) => finding('names-an-individual', span(r, p.from, p.to), r)),
    ),
  );
}

const span = (r: Reading, from: number, to: number) =>
  r.text.slice(r.tokens[from]!.start, r.tokens[to - 1]!.end);

/** Is this adult narrowed down to one person, by a modifier before or a phrase after? */
function narrowedDown(r: Reading, p: NounPhrase): string | null {
  const words = r.tokens
    .slice(p.from, p.to)
    .map((t) => t.word)
    .join(' ');
  if (ONE_HOLDER.has(words)) return span(r, p.from, p.to);
  if (!ANYONE.has(words)) return null;
  if (r.tokens[p.to - 1]!.word.endsWith('s') && words !== 'class') return null;
  const before = r.tokens.slice(p.npFrom, p.from);
  if (before.some((t) => EVERYONE.has(t.word))) return null;
  const narrowing = before.filter((t) => !GENERIC_MODIFIERS.has(t.word));
  if (narrowing.length > 0 && before.length > 0) return span(r, p.npFrom, p.to);
  const after: Token[] = r.tokens.slice(p.to, p.to + 3);
  const a0 = after[0]?.word;
  const a1 = after[1];
  if (a0 === 'who' || a0 === 'whose') return span(r, p.npFrom, p.to + 1);
  if ((a0 === 'in' || a0 === 'of' || a0 === 'teaching' || a0 === 'taking') && a1) {
    if (a1.word === 'room' || /^[a-z]{0,3}\d/i.test(a1.raw) || /^(?:year)$/.test(a1.word)) {
      const end = a1.word === 'room' || a1.word === 'year' ? p.to + 3 : p.to + 2;
      return span(r, p.npFrom, Math.min(end, r.tokens.length));
    }
  }
  return null;
}

function checkReading(r: Reading): Finding[] {
  const out: Finding[] = [];
  const lower = r.text.toLowerCase();
  for (const p of r.phrases) {
    if (p.cls !== 'staff' && p.cls !== 'staff_group') continue;
    const phrase = narrowedDown(r, p);
    if (phrase) out.push(finding('singles-out-a-role', phrase, r));
  }
  for (const pattern of ROLE_PATTERNS) {
    const m = lower.match(pattern);
    if (m)
      out.push(finding('singles-out-a-role', r.text.slice(m.index, m.index! + m[0].length), r));
  }
  const room = r.text.match(ROOM_WORDS) ?? r.text.match(ROOM_CODE);
  if (room) {
    const code = room[1] ?? room[0];
    out.push(finding('names-a-room', code, r));
  }
  for (const pattern of APPRAISAL) {
    const m = lower.match(pattern);
    if (m)
      out.push(finding('links-to-appraisal', r.text.slice(m.index, m.index! + m[0].length), r));
  }
  return out;
}

/** Rule 2's reading of a focus or purpose: roles, rooms and appraisal (names come from `staffNamesIn`). */
export function checkSinglesOut(text: string): Finding[] {
  return distinct(readAll(text).flatMap(checkReading));
}

/** A member of staff whose name a focus must not carry. Strings are names only. */
export type StaffEntry = string | { id?: string; name: string; code?: string | null };

const staffName = (s: StaffEntry) => (typeof s === 'string' ? s : s.name);
const checkers = new WeakMap<readonly StaffEntry[], ReturnType<typeof createChecker>>();

function checkerFor(staff: readonly StaffEntry[]) {
  let c = checkers.get(staff);
  if (!c) {
    c = createChecker({ staffNames: staff.map(staffName).filter((n) => n.trim().length > 0) });
    checkers.set(staff, c);
  }
  return c;
}

/**
 * Names of staff in a text: names from the staff list (whole or in part: "Amir", "Patel"), any
 * title with a name ("Mr Smith", "Dr. Jones", "Miss H"), and staff codes from the list ("JSM",
 * matched as a whole word, case as written). Uses the neutral-language checker's name finding.
 */
export function staffNamesIn(
  text: string,
  staff: readonly StaffEntry[],
): { text: string; ids: string[] }[] {
  const found: { text: string; ids: string[] }[] = [];
  for (const f of checkerFor(staff).check(text)) {
    if (f.kind !== 'name') continue;
    const lower = f.text.toLowerCase();
    const ids = staff
      .filter((s): s is Exclude<StaffEntry, string> => typeof s !== 'string' && !!s.id)
      .filter((s) =>
        s.name
          .toLowerCase()
          .split(/\s+/)
          .some((part) => part.length > 1 && lower.split(/[\s.]+/).includes(part)),
      )
      .map((s) => s.id!);
    found.push({ text: f.text, ids });
  }
  for (const s of staff) {
    if (typeof s === 'string' || !s.code || s.code.trim().length < 2) continue;
    const code = s.code.trim();
    const re = new RegExp(
      `(^|[^\\p{L}\\p{N}])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`,
      'u',
    );
    if (re.test(text)) found.push({ text: code, ids: s.id ? [s.id] : [] });
  }
  return found;
}

/** Drops findings on the same words as a name already reported. */
function withoutNames(findings: Finding[], names: readonly string[]): Finding[] {
  const lowerNames = names.map((n) => n.toLowerCase());
  return findings.filter((f) => {
    const phrase = f.phrase.toLowerCase();
    return !lowerNames.some((n) => phrase.includes(n) || n.includes(phrase));
  });
}

/**
 * Every reason a focus or purpose text is refused (rules 2 and 6): the staff it names (with
 * their ids, from the staff list), and findings for roles, rooms, appraisal and evaluation of
 * the teaching. A finding on the words of a name already reported is left out.
 */
export function checkFocusText(
  text: string,
  staff: readonly StaffEntry[] = [],
): { names: { text: string; ids: string[] }[]; findings: Finding[] } {
  const names = staffNamesIn(text, staff);
  const singled = checkSinglesOut(text);
  const evaluation = withoutNames(
    checkEvaluation(text, 'focus'),
    singled.map((f) => f.phrase),
  );
  const findings = withoutNames(
    distinct([...singled, ...evaluation]),
    names.map((n) => n.text),
  );
  return { names, findings };
}
