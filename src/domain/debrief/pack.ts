import type { AnswerKind } from '../frameworks/types.ts';
import { breakdown, type Dimension, suppressionNote } from '../insights/breakdowns.ts';
import {
  DEFAULT_K,
  mergeRecordsByVisit,
  teachersOf,
  type VisitRecord,
} from '../insights/evidence.ts';
import { type LookForSummary, prevalenceByLookFor } from '../insights/prevalence.ts';
import { findThemes, isQuotable, type Theme, themeTexts } from '../insights/themes.ts';
import { type CheckerOptions, createChecker } from '../neutral-language/checker.ts';

/**
 * The debrief pack (issue 7): what a walk (or several walks on one focus) looked for and why,
 * the evidence for each look-for with honest uncertainty, a few notes and student-voice themes
 * without names, bright spots to share, prompts for the conversation, and a plain account of
 * what was hidden to protect small groups.
 *
 * Nothing in the pack identifies a teacher: no teacher keys, no names (quotes the checker finds
 * a name in are left out), no class codes, no times. Figures that rest on fewer than k visited
 * teachers are hidden, and when the whole walk visited fewer than k teachers the pack shows no
 * figures, themes or notes at all and says why.
 */

export type DebriefLookFor = {
  key: string;
  prompt: string;
  lensName: string;
  answerKind: AnswerKind;
  /** What it looks like when it is happening. */
  looksLike?: string;
};

export type DebriefInput = {
  focus: {
    title: string;
    /** What we are looking for and why (protocol rule 2). */
    purpose: string;
    lookFors: readonly DebriefLookFor[];
  };
  walks: readonly { walkId: string; date: string }[];
  /** Every record handed in for the walks: one per observer per visit. */
  records: readonly VisitRecord[];
  studentVoicePrompts?: readonly { promptId: string; prompt: string }[];
  /** The school's staff names (and pupils' names, if held), so quotes never name anyone. */
  names: CheckerOptions;
  k?: number;
  /** A bright spot needs this many visits (default 5) … */
  brightSpotMinVisits?: number;
  /** … and the lower end of its interval at least this share (default 0.5). */
  brightSpotMinLower?: number;
  /** How many notes to select (default 6). */
  maxNotes?: number;
};

export type PackLookFor = { key: string; prompt: string; lensName: string } & (
  | { status: 'shown'; summary: LookForSummary; note: string }
  | { status: 'suppressed'; reason: string }
  | { status: 'empty'; note: string }
);

export type PackGroup = { key: string } & (
  | { status: 'shown'; visits: number }
  | { status: 'empty'; visits: 0 }
  | { status: 'suppressed'; reason: string }
);

export type BrightSpot = {
  key: string;
  prompt: string;
  visits: number;
  share: number;
  lower: number;
  why: string;
};

export type DebriefPack = {
  focus: {
    title: string;
    purpose: string;
    lenses: { name: string; lookFors: { key: string; prompt: string; looksLike?: string }[] }[];
    walkDates: string[];
  };
  /** Visits behind the pack; null when fewer than k teachers were visited. */
  visits: number | null;
  /** False when the walk visited fewer than k teachers: no figures, themes or notes. */
  evidenceShown: boolean;
  perLookFor: PackLookFor[];
  /** Sentences from observers' notes: neutral, nameless, at most one per visit. */
  notes: string[];
  noteThemes: Theme[];
  studentVoice: { promptId: string; prompt: string; themes: Theme[] }[];
  brightSpots: BrightSpot[];
  /** Where the evidence came from: visits per department and per year group. */
  coverage: { departments: PackGroup[]; yearGroups: PackGroup[] };
  discussionPrompts: string[];
  suppressionNotes: string[];
};

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** A plain-English note on how much a figure can bear. */
export function smallNumberNote(summary: LookForSummary): string {
  if (summary.headline === null) {
    return `Based on ${summary.n} ${summary.n === 1 ? 'visit' : 'visits'}.`;
  }
  const h = summary.headline;
  const what =
    summary.kind === 'prevalence' ? 'most or all pupils were doing this' : 'this was seen';
  const range = `${percent(h.lower)} to ${percent(h.upper)}`;
  if (h.n < 10) {
    return `Only ${h.n} ${h.n === 1 ? 'visit' : 'visits'}: the share of lessons where ${what} could be anywhere from ${range}. Read it as a starting point for discussion, not a measure.`;
  }
  return `Based on ${h.n} visits; allowing for uncertainty, the share of lessons where ${what} is likely between ${percent(h.lower)} and ${percent(h.upper)}.`;
}

export function buildDebriefPack(input: DebriefInput): DebriefPack {
  const k = input.k ?? DEFAULT_K;
  const minVisits = input.brightSpotMinVisits ?? 5;
  const minLower = input.brightSpotMinLower ?? 0.5;
  const maxNotes = input.maxNotes ?? 6;
  const checker = createChecker(input.names);
  const walkIds = new Set(input.walks.map((w) => w.walkId));
  const visits = mergeRecordsByVisit(input.records.filter((r) => walkIds.has(r.walkId)));
  const teachers = new Set(visits.flatMap((v) => teachersOf(v)));
  const evidenceShown = teachers.size >= k;
  const suppressionNotes: string[] = [];

  const lenses: DebriefPack['focus']['lenses'] = [];
  for (const f of input.focus.lookFors) {
    let lens = lenses.find((l) => l.name === f.lensName);
    if (!lens) {
      lens = { name: f.lensName, lookFors: [] };
      lenses.push(lens);
    }
    lens.lookFors.push({
      key: f.key,
      prompt: f.prompt,
      ...(f.looksLike ? { looksLike: f.looksLike } : {}),
    });
  }
  const focus = {
    title: input.focus.title,
    purpose: input.focus.purpose,
    lenses,
    walkDates: [...new Set(input.walks.map((w) => w.date))].sort(),
  };

  const measured = input.focus.lookFors.filter((f) => f.answerKind !== 'note');
  if (!evidenceShown) {
    suppressionNotes.push(
      `Fewer than ${k} teachers were visited, so no figures, themes or notes are shown, to protect their privacy. Each teacher can read the records of their own visit.`,
    );
    return {
      focus,
      visits: null,
      evidenceShown,
      perLookFor: measured.map((f) => ({
        key: f.key,
        prompt: f.prompt,
        lensName: f.lensName,
        status: 'suppressed',
        reason: `Fewer than ${k} teachers were visited, so this is hidden to protect their privacy.`,
      })),
      notes: [],
      noteThemes: [],
      studentVoice: [],
      brightSpots: [],
      coverage: { departments: [], yearGroups: [] },
      discussionPrompts: generalPrompts(false),
      suppressionNotes,
    };
  }

  // Evidence per look-for.
  const figures = prevalenceByLookFor(visits, { k, lookForIds: measured.map((f) => f.key) });
  const perLookFor: PackLookFor[] = measured.map((f, i) => {
    const row = figures[i]!;
    const head = { key: f.key, prompt: f.prompt, lensName: f.lensName };
    if (row.status === 'shown') {
      return { ...head, status: 'shown', summary: row.summary, note: smallNumberNote(row.summary) };
    }
    if (row.status === 'suppressed') return { ...head, status: 'suppressed', reason: row.reason };
    return { ...head, status: 'empty', note: 'No evidence was recorded for this look-for.' };
  });
  const hiddenLookFors = perLookFor.filter((p) => p.status === 'suppressed').length;
  if (hiddenLookFors > 0) {
    suppressionNotes.push(
      `${hiddenLookFors === 1 ? '1 look-for is' : `${hiddenLookFors} look-fors are`} not shown because evidence for ${hiddenLookFors === 1 ? 'it' : 'them'} came from fewer than ${k} teachers’ lessons.`,
    );
  }

  // Where the evidence came from.
  const groups = (dimension: Dimension, what: string): PackGroup[] => {
    const b = breakdown(visits, { rows: dimension, k });
    const note = suppressionNote(b.hidden, k, what);
    if (note) suppressionNotes.push(note);
    return b.cells.map((c) =>
      c.status === 'suppressed'
        ? { key: c.row, status: 'suppressed', reason: c.reason }
        : c.status === 'empty'
          ? { key: c.row, status: 'empty', visits: 0 }
          : { key: c.row, status: 'shown', visits: c.visits },
    );
  };
  const coverage = {
    departments: groups('departmentId', 'department'),
    yearGroups: groups('yearGroupId', 'year group'),
  };

  // Themes and notes.
  const themeOptions = { checker, k };
  const noteThemes = findThemes(themeTexts(visits, 'note'), themeOptions);
  const voiceTexts = themeTexts(visits, 'student_voice');
  const promptIds = [
    ...(input.studentVoicePrompts ?? []).map((p) => p.promptId),
    ...voiceTexts.map((t) => t.promptId!),
  ].filter((id, i, all) => all.indexOf(id) === i);
  let leftOut = noteThemes.quotesLeftOut;
  const studentVoice = promptIds
    .map((promptId) => {
      const result = findThemes(
        voiceTexts.filter((t) => t.promptId === promptId),
        themeOptions,
      );
      leftOut += result.quotesLeftOut;
      const prompt = input.studentVoicePrompts?.find((p) => p.promptId === promptId)?.prompt ?? '';
      return { promptId, prompt, themes: result.themes };
    })
    .filter((sv) => sv.themes.length > 0);
  const phrases = noteThemes.themes.map((t) => t.phrase);
  const { notes, leftOut: notesLeftOut } = selectNotes(visits, phrases, maxNotes, (s) =>
    isQuotable(s, checker),
  );
  leftOut += notesLeftOut;
  if (leftOut > 0) {
    suppressionNotes.push(
      `${leftOut === 1 ? '1 sentence was' : `${leftOut} sentences were`} left out of the examples because ${leftOut === 1 ? 'it' : 'they'} named someone or did not read neutrally.`,
    );
  }

  // Bright spots.
  const brightSpots: BrightSpot[] = [];
  for (const p of perLookFor) {
    if (p.status !== 'shown' || !p.summary.headline) continue;
    const h = p.summary.headline;
    if (h.n < minVisits || h.lower < minLower || h.share === null) continue;
    const what =
      p.summary.kind === 'prevalence' ? 'most or all pupils were doing this' : 'this was seen';
    brightSpots.push({
      key: p.key,
      prompt: p.prompt,
      visits: h.n,
      share: h.share,
      lower: h.lower,
      why: `In ${h.successes} of ${h.n} visits ${what}; even allowing for uncertainty, that is at least ${percent(h.lower)} of lessons.`,
    });
  }
  brightSpots.sort((a, b) => b.lower - a.lower || a.key.localeCompare(b.key));

  // Discussion prompts.
  const discussionPrompts: string[] = [];
  const shown = perLookFor.filter(
    (p): p is Extract<PackLookFor, { status: 'shown' }> =>
      p.status === 'shown' && p.summary.headline !== null,
  );
  const lowest = [...shown].sort(
    (a, b) => (a.summary.headline!.share ?? 0) - (b.summary.headline!.share ?? 0),
  )[0];
  discussionPrompts.push(`What does this tell us about ${lowerFirst(input.focus.title)}?`);
  if (lowest && !brightSpots.some((b) => b.key === lowest.key)) {
    discussionPrompts.push(
      `What does this tell us about “${lowest.prompt}”, and what might make it more common?`,
    );
  }
  for (const spot of brightSpots.slice(0, 2)) {
    discussionPrompts.push(
      `What is helping “${spot.prompt}” to happen, and how could we share it?`,
    );
  }
  if (studentVoice.length > 0) {
    discussionPrompts.push('What are pupils telling us that we did not see for ourselves?');
  }
  discussionPrompts.push(...generalPrompts(true).slice(1));

  return {
    focus,
    visits: visits.length,
    evidenceShown,
    perLookFor,
    notes,
    noteThemes: noteThemes.themes,
    studentVoice,
    brightSpots,
    coverage,
    discussionPrompts,
    suppressionNotes,
  };
}

function generalPrompts(evidence: boolean): string[] {
  return [
    evidence ? 'What does this tell us?' : 'What did we notice together, across the rooms?',
    'What surprised us?',
    'Where would support help most?',
    'What one thing will we try next, and how will we know it has made a difference?',
  ];
}

function lowerFirst(text: string): string {
  const t = text.trim().replace(/[.?!]+$/, '');
  return /^[A-Z][a-z]/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t;
}

/**
 * Up to `max` sentences from notes, at most one per visit, each quotable (no name, nothing the
 * neutral-language checker flags, no class code). Sentences that carry a theme come first; then
 * the order of visits. Very short sentences (under four words) are not selected.
 */
function selectNotes(
  visits: readonly { visitId: string; notes: readonly string[] }[],
  phrases: readonly string[],
  max: number,
  quotable: (sentence: string) => boolean,
): { notes: string[]; leftOut: number } {
  const candidates: { visitId: string; sentence: string; themed: boolean; order: number }[] = [];
  let order = 0;
  for (const v of visits) {
    for (const note of v.notes) {
      for (const m of note.matchAll(/[^.!?\n]+[.!?]*/g)) {
        const sentence = m[0].trim();
        if (sentence.split(/\s+/).length < 4) continue;
        const lower = ` ${sentence.toLowerCase().replace(/[^\p{L}\p{N}' ]+/gu, ' ')} `;
        const themed = phrases.some((p) => lower.includes(` ${p} `));
        candidates.push({ visitId: v.visitId, sentence, themed, order: order++ });
      }
    }
  }
  candidates.sort((a, b) => Number(b.themed) - Number(a.themed) || a.order - b.order);
  const notes: string[] = [];
  const used = new Set<string>();
  let leftOut = 0;
  for (const c of candidates) {
    if (notes.length >= max) break;
    if (used.has(c.visitId)) continue;
    if (!quotable(c.sentence)) {
      leftOut += 1;
      continue;
    }
    notes.push(c.sentence);
    used.add(c.visitId);
  }
  return { notes, leftOut };
}

/** A row of the pack's figures as shown: a hidden row carries no reason of its own. */
export type PackFigureRow =
  | Extract<PackLookFor, { status: 'shown' | 'empty' }>
  | { key: string; prompt: string; lensName: string; status: 'hidden' };

/**
 * The pack's figures as a table says them (issue 21): when the whole walk is too small there is
 * no table at all, only the one sentence saying so; otherwise hidden look-fors are marked
 * "hidden" and why is said once, in the pack's notes on what is hidden, not on every row.
 */
export function packFigures(pack: Pick<DebriefPack, 'evidenceShown' | 'perLookFor'>): {
  rows: PackFigureRow[];
  /** Look-fors whose figures are hidden. */
  hidden: number;
} {
  const hidden = pack.perLookFor.filter((p) => p.status === 'suppressed').length;
  if (!pack.evidenceShown) return { rows: [], hidden };
  return {
    rows: pack.perLookFor.map((p) =>
      p.status === 'suppressed'
        ? { key: p.key, prompt: p.prompt, lensName: p.lensName, status: 'hidden' }
        : p,
    ),
    hidden,
  };
}
