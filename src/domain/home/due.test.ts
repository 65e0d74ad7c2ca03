import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SchoolCalendar } from '../calendar/calendar.ts';
import {
  byUrgency,
  type DueItem,
  type LeaderFacts,
  leaderDue,
  type ObserverFacts,
  observerDue,
  type TeacherFacts,
  type TrustSchoolFacts,
  teacherDue,
  trustDue,
  trustPicture,
} from './due.ts';

const calendar: SchoolCalendar = {
  terms: [{ name: 'Autumn 2026', startsOn: '2026-09-02', endsOn: '2026-12-18' }],
  closures: [],
  cycleWeeks: 1,
};
// Thursday 3 December 2026.
const today = '2026-12-03';

const leader = (over: Partial<LeaderFacts> = {}): LeaderFacts => ({
  schoolId: 'north',
  calendar,
  noticeSchoolDays: 5,
  reviewFrequency: 'term',
  programmes: [],
  draftWalks: [],
  openFlags: [],
  actions: [],
  reviews: [
    {
      id: 'r0',
      title: 'Autumn',
      from: '2026-09-02',
      to: '2026-12-18',
      pulseClosesOn: '2026-12-10',
      pulseClosedEarly: false,
      closed: false,
    },
  ],
  ...over,
});

describe('leaderDue', () => {
  it('asks for answers to a consultation’s unanswered comments, and notes an open one', () => {
    const items = leaderDue(
      leader({
        programmes: [
          { id: 'p1', title: 'Spring walks', inConsultation: true, unansweredComments: 2 },
          { id: 'p2', title: 'Summer walks', inConsultation: true, unansweredComments: 0 },
          { id: 'p3', title: 'Old walks', inConsultation: false, unansweredComments: 4 },
        ],
      }),
      today,
    );
    expect(items.map((i) => [i.kind, i.link])).toEqual([
      ['comments_to_answer', '/programmes/p1'],
      ['consultation_open', '/programmes/p2'],
    ]);
    expect(items[0]!.detail).toContain('2 comments');
  });

  it('splits draft walks into notice due (publish within two school days, or too late) and walks to publish', () => {
    const items = leaderDue(
      leader({
        draftWalks: [
          // 5 school days' notice: a walk on Thu 10 Dec must be published by Wed 2 Dec: too late.
          { id: 'late', date: '2026-12-10', focusTitle: 'Reading', visits: 3 },
          // Mon 14 Dec: publish by Fri 4 Dec, tomorrow: notice due.
          { id: 'due', date: '2026-12-14', focusTitle: 'Oracy', visits: 2 },
          // Thu 17 Dec: publish by Wed 9 Dec: plenty of time.
          { id: 'later', date: '2026-12-17', focusTitle: 'Maths', visits: 1 },
          { id: 'past', date: '2026-12-01', focusTitle: 'Past', visits: 1 },
        ],
      }),
      today,
    );
    const byId = new Map(items.map((i) => [i.link, i]));
    expect(byId.get('/walks/late')).toMatchObject({ kind: 'notice_due', urgent: true });
    expect(byId.get('/walks/late')!.detail).toContain('too late');
    expect(byId.get('/walks/due')).toMatchObject({
      kind: 'notice_due',
      urgent: true,
      date: '2026-12-04',
    });
    expect(byId.get('/walks/later')).toMatchObject({
      kind: 'walk_to_publish',
      urgent: false,
      date: '2026-12-09',
    });
    expect(byId.has('/walks/past')).toBe(false);
  });

  it('lists open flags, overdue actions (not done ones due later), a review due and one to close', () => {
    const items = leaderDue(
      leader({
        openFlags: [{ visitId: 'v1', raisedOn: '2026-12-01', classCode: '8X1' }],
        actions: [
          { id: 'a1', title: 'Model reading', dueOn: '2026-12-01', done: false },
          { id: 'a2', title: 'Done already', dueOn: '2026-11-01', done: true },
          { id: 'a3', title: 'Not yet due', dueOn: '2026-12-20', done: false },
        ],
        reviews: [
          {
            id: 'r1',
            title: 'Summer review',
            from: '2026-04-13',
            to: '2026-07-22',
            pulseClosesOn: '2026-07-20',
            pulseClosedEarly: false,
            closed: false,
          },
        ],
      }),
      '2026-12-07',
    );
    const kinds = items.map((i) => i.kind);
    expect(kinds).toContain('flag_to_settle');
    expect(items.find((i) => i.kind === 'flag_to_settle')!.link).toBe('/visits/v1/records');
    expect(items.filter((i) => i.kind === 'action_overdue').map((i) => i.title)).toEqual([
      'Action overdue: Model reading',
    ]);
    // The autumn term ends 18 December: within ten school days of it, no review covers it.
    expect(items.find((i) => i.kind === 'review_due')!.link).toBe('/schools/north/reviews');
    expect(items.find((i) => i.kind === 'review_to_close')!.link).toBe('/reviews/r1');
  });

  it('has nothing due for a school with nothing open', () => {
    expect(leaderDue(leader(), today)).toEqual([]);
  });
});

const visit = (
  over: Partial<TeacherFacts['visits'][number]> = {},
): TeacherFacts['visits'][number] => ({
  visitId: 'v',
  date: '2026-12-08',
  startsAt: '09:10',
  endsAt: '09:25',
  classCode: '7A',
  room: 'S1',
  focusTitle: 'Questioning',
  observerNames: ['Sam Ode'],
  noticeGiven: true,
  invited: false,
  needsAgreement: false,
  agreed: false,
  ...over,
});
const teacher = (over: Partial<TeacherFacts> = {}): TeacherFacts => ({
  calendar,
  visits: [],
  recordedVisits: [],
  pulses: [],
  actions: [],
  ...over,
});

describe('teacherDue', () => {
  it('shows a coming visit with its date, time, focus and observers', () => {
    const [item] = teacherDue(teacher({ visits: [visit()] }), today);
    expect(item).toMatchObject({ kind: 'visit_coming', link: '/my-visits', date: '2026-12-08' });
    expect(item!.title).toContain('Tue 8 Dec 2026 09:10–09:25');
    expect(item!.detail).toContain('Questioning');
    expect(item!.detail).toContain('Sam Ode');
  });

  it('never shows a visit before its notice is given, unless the teacher invited it', () => {
    const items = teacherDue(
      teacher({
        visits: [
          visit({ visitId: 'hidden', noticeGiven: false }),
          visit({ visitId: 'invited', noticeGiven: false, invited: true, classCode: '9C' }),
        ],
      }),
      today,
    );
    expect(items).toHaveLength(1);
    expect(items[0]!.title).toContain('9C');
  });

  it('property: no visit without notice ever shows, whatever else is true of it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            noticeGiven: fc.boolean(),
            invited: fc.boolean(),
            needsAgreement: fc.boolean(),
            agreed: fc.boolean(),
            day: fc.integer({ min: 1, max: 28 }),
          }),
        ),
        (vs) => {
          const visits = vs.map((v, i) =>
            visit({
              ...v,
              visitId: `v${i}`,
              classCode: `C${i}`,
              date: `2026-12-${String(v.day).padStart(2, '0')}`,
            }),
          );
          const shown = teacherDue(teacher({ visits }), today);
          for (const item of shown) {
            const code = item.title.match(/: (C\d+),/)![1];
            const v = visits.find((x) => x.classCode === code)!;
            expect(v.noticeGiven || v.invited).toBe(true);
            expect(v.date >= today).toBe(true);
          }
        },
      ),
    );
  });

  it('asks for agreement on a visit moved inside the notice period', () => {
    const [item] = teacherDue(teacher({ visits: [visit({ needsAgreement: true })] }), today);
    expect(item).toMatchObject({ kind: 'visit_needs_agreement', urgent: true });
  });

  it('points to records to read, and says when the time to respond is closing', () => {
    const rec = {
      date: '2026-12-01',
      classCode: '7A',
      focusTitle: 'Q',
      records: 2,
      windowOpen: true,
      responded: false,
    };
    const items = teacherDue(
      teacher({
        recordedVisits: [
          { ...rec, visitId: 'open', windowClosesOn: '2026-12-10' },
          { ...rec, visitId: 'closing', windowClosesOn: '2026-12-04' },
          { ...rec, visitId: 'closed', windowOpen: false, windowClosesOn: '2026-12-02' },
          { ...rec, visitId: 'answered', responded: true, windowClosesOn: '2026-12-10' },
        ],
      }),
      today,
    );
    expect(items.map((i) => [i.kind, i.link])).toEqual([
      ['response_window_closing', '/visits/closing/records'],
      ['records_to_read', '/visits/open/records'],
    ]);
  });

  it('asks for an open pulse not yet answered, and shows own actions due within a week', () => {
    const items = teacherDue(
      teacher({
        pulses: [
          {
            reviewId: 'r1',
            title: 'Autumn review',
            closesOn: '2026-12-11',
            open: true,
            answered: false,
          },
          { reviewId: 'r2', title: 'Answered', closesOn: '2026-12-11', open: true, answered: true },
        ],
        actions: [
          { id: 'a1', title: 'Try cold calling', dueOn: '2026-12-07', done: false },
          { id: 'a2', title: 'Far off', dueOn: '2027-01-20', done: false },
        ],
      }),
      today,
    );
    expect(items.map((i) => [i.kind, i.link])).toEqual([
      ['my_action_due', '/my-actions'],
      ['pulse_to_answer', '/reviews/r1'],
    ]);
  });
});

describe('observerDue', () => {
  const walk = {
    walkId: 'w',
    windowStart: '09:00',
    windowEnd: '10:00',
    focusTitle: 'Reading',
    schoolName: 'North',
    visits: 4,
  };
  const facts: ObserverFacts = {
    walks: [
      { ...walk, walkId: 'soon', date: '2026-12-07' },
      { ...walk, walkId: 'today', date: today },
      { ...walk, walkId: 'far', date: '2027-01-20' },
    ],
    flagsOnMyRecords: [{ visitId: 'v9', raisedOn: '2026-12-02', classCode: '10B' }],
  };
  it('puts today’s route first, then walks this week and flags on my records', () => {
    const items = observerDue(facts, today);
    expect(items.map((i) => [i.kind, i.link])).toEqual([
      ['walk_today', '/capture/walks/today'],
      ['flag_to_settle', '/visits/v9/records'],
      ['walk_coming', '/capture/walks/soon'],
    ]);
    expect(items[0]!.detail).toContain('4 rooms');
  });
});

describe('trust leader', () => {
  const school = (over: Partial<TrustSchoolFacts>): TrustSchoolFacts => ({
    schoolId: 's',
    schoolName: 'S',
    termName: 'Autumn 2026',
    walksDone: 2,
    walksPlanned: 1,
    overdueActions: 0,
    openFlags: 0,
    reviewDue: false,
    ...over,
  });
  const schools = [
    school({ schoolId: 'a', schoolName: 'Ash', walksDone: 0, walksPlanned: 0 }),
    school({ schoolId: 'b', schoolName: 'Birch', overdueActions: 2, reviewDue: true }),
    school({ schoolId: 'c', schoolName: 'Cedar' }),
  ];

  it('sums the term’s picture across schools', () => {
    expect(trustPicture(schools)).toEqual({
      schools: 3,
      walksDone: 4,
      walksPlanned: 2,
      overdueActions: 2,
    });
  });

  it('names the schools needing attention and why, linking to their insights, never a teacher', () => {
    const items = trustDue(schools);
    expect(items.map((i) => i.link)).toEqual(['/schools/a/insights', '/schools/b/insights']);
    expect(items[0]!.detail).toBe('No learning walk this term (Autumn 2026).');
    expect(items[1]!.detail).toBe('2 actions overdue; a review with staff is due.');
  });
});

describe('byUrgency', () => {
  it('keeps every item, urgent ones first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            urgent: fc.boolean(),
            date: fc.option(fc.constantFrom('2026-12-01', '2026-12-09'), { nil: null }),
          }),
        ),
        (xs) => {
          const items: DueItem[] = xs.map((x, i) => ({
            ...x,
            kind: 'visit_coming',
            title: `${i}`,
            detail: '',
            link: '/',
          }));
          const sorted = byUrgency(items);
          expect(sorted).toHaveLength(items.length);
          const firstCalm = sorted.findIndex((i) => !i.urgent);
          if (firstCalm >= 0) expect(sorted.slice(firstCalm).every((i) => !i.urgent)).toBe(true);
        },
      ),
    );
  });
});
