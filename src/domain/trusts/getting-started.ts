/**
 * The getting-started checklist of a new trust's administrator (issue 13): each step, whether
 * the trust's data shows it done, and the page where it is done. It stays until every step is.
 */

export type SchoolFacts = {
  id: string;
  name: string;
  terms: number;
  closures: number;
  /** People with the school leader role in the school. */
  leaders: number;
  /** Teachers and observers in the school. */
  staff: number;
  rooms: number;
  lessons: number;
  /** The school's protocol settings have been saved at least once. */
  settingsSaved: boolean;
  /** Programmes past their draft: in consultation, agreed or published. */
  programmesConsulted: number;
};

export type TrustFacts = {
  singleSchool: boolean;
  schools: readonly SchoolFacts[];
  publishedFrameworks: number;
};

export type StepKey = 'schools' | 'leaders' | 'timetable' | 'framework' | 'protocol' | 'programme';

export type Step = {
  key: StepKey;
  title: string;
  /** What is still to do, or that it is done. */
  detail: string;
  done: boolean;
  link: string;
};

type PerSchool = {
  key: StepKey;
  title: (single: boolean) => string;
  ready: (s: SchoolFacts) => boolean;
  link: (s: SchoolFacts) => string;
};

const perSchool: PerSchool[] = [
  {
    key: 'leaders',
    title: (single) => (single ? 'Invite your school’s leaders' : 'Invite each school’s leaders'),
    ready: (s) => s.leaders > 0,
    link: (s) => `/schools/${s.id}/staff`,
  },
  {
    key: 'timetable',
    title: () => 'Import staff, rooms and the timetable (or add them by hand)',
    ready: (s) => s.staff > 0 && s.rooms > 0 && s.lessons > 0,
    link: (s) => `/schools/${s.id}/import`,
  },
];

const later: PerSchool[] = [
  {
    key: 'protocol',
    title: () => 'Set the protocol settings',
    ready: (s) => s.settingsSaved,
    link: (s) => `/schools/${s.id}/protocol`,
  },
  {
    key: 'programme',
    title: () => 'Draft the programme of walks and open consultation',
    ready: (s) => s.programmesConsulted > 0,
    link: (s) => `/schools/${s.id}/programmes`,
  },
];

/** A per-school step is done when every school has done it (and there is a school). */
function schoolStep(facts: TrustFacts, step: PerSchool): Step {
  const waiting = facts.schools.filter((s) => !step.ready(s));
  const first = waiting[0] ?? facts.schools[0];
  const done = facts.schools.length > 0 && waiting.length === 0;
  return {
    key: step.key,
    title: step.title(facts.singleSchool),
    detail: done
      ? 'Done.'
      : facts.schools.length === 0
        ? 'Add a school first.'
        : facts.singleSchool
          ? 'Not done yet.'
          : `Still to do in ${waiting.map((s) => s.name).join(', ')}.`,
    done,
    link: first ? step.link(first) : '/schools/new',
  };
}

export function gettingStartedSteps(facts: TrustFacts): Step[] {
  const { singleSchool, schools } = facts;
  const noCalendar = schools.filter((s) => s.terms === 0 || s.closures === 0);
  const schoolsDone = schools.length > 0 && noCalendar.length === 0;
  const firstWithout = noCalendar[0];
  const schoolsStep: Step = {
    key: 'schools',
    title: singleSchool
      ? 'Add your school’s terms and closures'
      : 'Add your schools, their terms and closures',
    detail: schoolsDone
      ? 'Done.'
      : schools.length === 0
        ? 'No school yet.'
        : singleSchool
          ? 'Add at least one term and one closure (a holiday or training day).'
          : `Add at least one term and one closure in ${noCalendar.map((s) => s.name).join(', ')}.`,
    done: schoolsDone,
    link: firstWithout
      ? `/schools/${firstWithout.id}/edit`
      : schools.length === 0
        ? '/schools/new'
        : `/schools/${schools[0]?.id}/edit`,
  };
  const framework: Step = {
    key: 'framework',
    title: 'Choose and publish a framework',
    detail:
      facts.publishedFrameworks > 0
        ? 'Done.'
        : 'Start from one in the library, or write your own, then publish it.',
    done: facts.publishedFrameworks > 0,
    link: '/frameworks',
  };
  return [
    schoolsStep,
    ...perSchool.map((s) => schoolStep(facts, s)),
    framework,
    ...later.map((s) => schoolStep(facts, s)),
  ];
}

/** The checklist stays until every step is done. */
export const checklistFinished = (steps: readonly Step[]) => steps.every((s) => s.done);
