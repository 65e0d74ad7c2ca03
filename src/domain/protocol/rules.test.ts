import { describe, expect, it } from 'vitest';
import { testCalendar as cal } from '../calendar/test-calendar.ts';
import {
  capPeriodOf,
  checkFocusAndPurpose,
  checkFocusNamesNobody,
  checkNotice,
  checkObservers,
  checkProgrammeStatus,
  checkRoomsPerHour,
  checkTeachingDay,
  checkVisitCaps,
  checkWalkFramework,
  checkWalkPlan,
} from './rules.ts';
import { describeCap, resolveSettings, settingsProblems } from './settings.ts';
import {
  DEFAULT_PROTOCOL_SETTINGS as D,
  type ProtocolSettings,
  type VisitFacts,
  type WalkPlanCheckInput,
} from './types.ts';

const visit = (
  id: string,
  teacher: string,
  date: string,
  startsAt = '09:00',
  endsAt = '09:10',
  extra: Partial<VisitFacts> = {},
): VisitFacts => ({
  id,
  teacherIds: [teacher],
  date,
  startsAt,
  endsAt,
  ...extra,
});

describe('settings', () => {
  it('the defaults are the model protocol’s and within bounds', () => {
    expect(D).toEqual({
      maxObservers: 2,
      noticeSchoolDays: 2,
      visitCap: 3,
      capPeriod: 'school_year',
      maxVisitsPerTeacherPerDay: 1,
      visitMinutes: 10,
      maxRoomsPerHour: 4,
      responseWindowSchoolDays: 10,
      minGroupSize: 3,
      consultationSchoolDays: 5,
      amendmentSchoolDays: 2,
      reviewFrequency: 'term',
      // The guidance's tight focus (issue 21): five look-fors fit ten minutes.
      recommendedLookFors: 5,
    });
    expect(settingsProblems(D)).toEqual([]);
    expect(settingsProblems({ ...D, consultationSchoolDays: 1 })).toEqual([
      {
        setting: 'consultationSchoolDays',
        message:
          'School days of consultation on a programme must be a whole number from 3 to 30; it is 1.',
      },
    ]);
  });

  it('a school may be stricter', () => {
    const { settings, problems } = resolveSettings({
      maxObservers: 1,
      noticeSchoolDays: 5,
      visitCap: 2,
      capPeriod: 'term',
    });
    expect(problems).toEqual([]);
    expect(settings.maxObservers).toBe(1);
    expect(settings.visitMinutes).toBe(10);
    expect(describeCap(settings)).toBe('2 visits a term');
  });

  it('never looser than the safe bounds, naming the setting, the value and the range', () => {
    const { problems } = resolveSettings({
      maxObservers: 3,
      maxRoomsPerHour: 6,
      responseWindowSchoolDays: 5,
      minGroupSize: 2,
    });
    expect(problems.map((p) => p.message)).toEqual([
      'Observers on a walk must be a whole number from 1 to 2; it is 3.',
      'Rooms an hour must be a whole number from 1 to 4; it is 6.',
      'School days to respond to a record must be a whole number from 10 to 30; it is 5.',
      'Smallest group shown in a breakdown must be a whole number from 3 to 20; it is 2.',
    ]);
    expect(settingsProblems({ ...D, maxVisitsPerTeacherPerDay: 2 })[0]?.message).toBe(
      'Visits per teacher per day must be 1; it is 2.',
    );
    expect(settingsProblems({ ...D, capPeriod: { days: 3 } })[0]?.message).toMatch(
      /from 7 to 366; it is 3/,
    );
    expect(settingsProblems({ ...D, visitMinutes: 15, maxRoomsPerHour: 4 })).toEqual([]);
    expect(
      settingsProblems({ ...D, visitMinutes: 15, maxRoomsPerHour: 4, noticeSchoolDays: 0 }),
    ).toHaveLength(1);
  });

  it('ignores null and undefined overrides and lets later ones win', () => {
    const { settings } = resolveSettings(
      { visitCap: 2 },
      null,
      { visitCap: undefined, maxObservers: 1 },
      { visitCap: 4 },
    );
    expect(settings.visitCap).toBe(4);
    expect(settings.maxObservers).toBe(1);
    expect(describeCap({ visitCap: 1, capPeriod: { days: 30 } })).toBe('1 visit in any 30 days');
  });
});

describe('rule 1: published programme', () => {
  const walk = { id: 'w1' };
  it('is kept by a published programme', () => {
    expect(checkProgrammeStatus(walk, { id: 'p1', status: 'published' })).toEqual([]);
  });
  it('is broken by no programme, or one not yet published', () => {
    const none = checkProgrammeStatus(walk, null);
    expect(none).toMatchObject([{ rule: 'programme', code: 'no_programme', subjectIds: ['w1'] }]);
    expect(none[0]!.message).toMatch(/^Published programme: this walk is not part of a programme/);
    const draft = checkProgrammeStatus(walk, { id: 'p1', status: 'consultation' });
    expect(draft).toMatchObject([{ code: 'programme_not_published', subjectIds: ['w1', 'p1'] }]);
    expect(draft[0]!.message).toMatch(/still at the consultation stage/);
    expect(checkProgrammeStatus(walk, { id: 'p1', status: 'agreed' })[0]!.message).toMatch(
      /agreed but not published/,
    );
  });
  it('is kept off-programme with a recorded reason, but not a token one', () => {
    expect(
      checkProgrammeStatus(
        { id: 'w1', offProgrammeReason: 'Follow-up agreed at the March staff review' },
        null,
      ),
    ).toEqual([]);
    const short = checkProgrammeStatus({ id: 'w1', offProgrammeReason: 'n/a' }, null);
    expect(short).toMatchObject([{ code: 'off_programme_reason_too_short', limit: 15 }]);
    expect(short[0]!.message).toContain('“n/a” is too short');
  });
});

describe('rule 2: focus and purpose, never about an individual', () => {
  const staff = [
    { id: 'p-amir', name: 'Amir Patel', code: 'APA' },
    { id: 'p-khan', name: 'Sara Khan', code: 'SKH' },
    'Jo Begum',
  ];
  it('needs both', () => {
    const found = checkFocusAndPurpose({ id: 'w1', focus: ' ', purpose: '' });
    expect(found.map((v) => v.code)).toEqual(['focus_missing', 'purpose_missing']);
    expect(found[0]!.message).toBe(
      'Focus and purpose: the walk has no focus. Say what the walk is looking for before it is published.',
    );
  });

  it('accepts a focus about learning', () => {
    for (const text of [
      'How pupils explain their reasoning in Year 8 Maths',
      'Retrieval practice at the start of lessons in Science and English',
      'Oracy: how pupils use subject vocabulary in KS3',
      'Reading for pleasure in the Sixth Form centre',
    ]) {
      expect(checkFocusNamesNobody(text, staff), text).toEqual([]);
    }
  });

  it('flags staff names, titles with a name, and staff codes', () => {
    const cases: [string, string, string[]][] = [
      ['Questioning in Mr Patel’s lessons', 'Mr Patel', ['p-amir']],
      ['Check on Amir', 'Amir', ['p-amir']],
      ['Behaviour in Dr Jones’s room', 'Dr Jones', []],
      ['Miss H and the Year 9 class', 'Miss H', []],
      ['Support for SKH with Year 10', 'SKH', ['p-khan']],
      ['Group work with Jo Begum', 'Jo Begum', []],
      ['Is Mrs. Smith using the new scheme?', 'Mrs. Smith', []],
    ];
    for (const [text, name, ids] of cases) {
      const found = checkFocusNamesNobody(text, staff);
      expect(found.length, text).toBe(1);
      expect(found[0]).toMatchObject({
        rule: 'focus',
        code: 'focus_names_person',
        subjectIds: ids,
      });
      expect(found[0]!.message).toBe(
        `Focus never about an individual: the focus names “${name}”. A focus is about learning across classes, never a member of staff; take the name out.`,
      );
    }
  });

  it('matches staff codes only as whole words', () => {
    expect(checkFocusNamesNobody('APAtheia in pupils', staff)).toEqual([]);
    expect(checkFocusNamesNobody('Reading (APA)', staff)).toHaveLength(1);
  });

  it('checks the purpose too, naming the field', () => {
    const found = checkFocusAndPurpose(
      { focus: 'Reading in Year 7', purpose: 'Mr Patel needs support' },
      staff,
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('the purpose names “Mr Patel”');
  });
});

describe('rule 2: a focus that singles someone out, serves appraisal or judges the teaching', () => {
  it('refuses roles, rooms, appraisal and verdicts, naming the words and a rewrite', () => {
    const cases: [string, string, string][] = [
      ['Whether the NQT in room M4 is coping', 'focus_about_individual', 'NQT'],
      [
        "The new maths teacher's behaviour management",
        'focus_about_individual',
        "The new maths teacher's",
      ],
      ['Teacher performance for appraisal', 'focus_about_individual', 'appraisal'],
      ['Effective questioning', 'focus_evaluates_teaching', 'Effective questioning'],
    ];
    for (const [focus, code, phrase] of cases) {
      const found = checkFocusAndPurpose(
        { id: 'w1', focus, purpose: 'To see how pupils talk about their learning.' },
        [{ id: 'p-amir', name: 'Amir Patel', code: 'APA' }],
      );
      expect(found, focus).toContainEqual(
        expect.objectContaining({ rule: 'focus', code, phrase, subjectIds: ['w1'] }),
      );
      const v = found.find((f) => f.phrase === phrase)!;
      expect(v.message).toContain(`the focus “${focus}”`);
      expect(v.suggestion).toMatch(/^Try: “.+”\.$/);
    }
  });

  it('needs a published framework version when the caller knows it', () => {
    expect(checkWalkFramework({ id: 'w1' })).toEqual([]);
    expect(
      checkWalkFramework({ id: 'w1', framework: { versionId: 'v', status: 'published' } }),
    ).toEqual([]);
    expect(checkWalkFramework({ id: 'w1', framework: null })).toEqual([
      expect.objectContaining({ rule: 'focus', code: 'no_framework', subjectIds: ['w1'] }),
    ]);
    expect(
      checkWalkFramework({ framework: { versionId: 'v', status: 'draft' } }).map((v) => v.code),
    ).toEqual(['framework_not_published']);
  });
});

describe('rule 3: observers', () => {
  it('allows one or two', () => {
    expect(checkObservers({ observerIds: ['a'] })).toEqual([]);
    expect(checkObservers({ observerIds: ['a', 'b'] })).toEqual([]);
  });
  it('refuses three, or two where the school set one, naming the limit', () => {
    const three = checkObservers({ observerIds: ['a', 'b', 'c'] });
    expect(three).toMatchObject([
      { rule: 'observers', code: 'too_many_observers', limit: 2, subjectIds: ['a', 'b', 'c'] },
    ]);
    expect(three[0]!.message).toBe('At most 2 observers: this walk has 3. Take 1 off the walk.');
    const two = checkObservers({ observerIds: ['a', 'b'] }, [], { maxObservers: 1 });
    expect(two[0]!.message).toBe('At most 1 observer: this walk has 2. Take 1 off the walk.');
  });
  it('counts an observer listed twice once, and needs at least one', () => {
    expect(checkObservers({ observerIds: ['a', 'a'] }, [], { maxObservers: 1 })).toEqual([]);
    expect(checkObservers({ observerIds: [] })[0]!.code).toBe('no_observers');
  });
  it('an observer cannot be observed on the same walk', () => {
    const found = checkObservers({ observerIds: ['a', 'b'] }, [
      visit('v1', 'c', '2026-11-24'),
      { ...visit('v2', 'x', '2026-11-24'), teacherIds: ['x', 'b'] },
    ]);
    expect(found).toMatchObject([{ code: 'observer_observed', subjectIds: ['v2', 'b'] }]);
    expect(found[0]!.message).toMatch(/cannot be observed on the same walk/);
  });
});

describe('rule 4: prior warning', () => {
  const v = visit('v1', 't1', '2026-11-24');
  it('is kept by notice two school days ahead', () => {
    expect(checkNotice(v, '2026-11-19', cal)).toEqual([]);
  });
  it('is broken by late notice, saying when it was due', () => {
    const found = checkNotice(v, '2026-11-20', cal);
    expect(found).toMatchObject([
      { rule: 'notice', code: 'notice_too_late', limit: '2 school days', subjectIds: ['v1', 't1'] },
    ]);
    expect(found[0]!.message).toBe(
      'Prior warning: notice given on Fri 20 Nov 2026 leaves 1 school day before the visit on Tue 24 Nov 2026; the rule is at least 2 school days, so notice was due by Thu 19 Nov 2026. Move the visit later, or ask whether the teacher would like to invite it.',
    );
  });
  it('counts across half term', () => {
    const after = visit('v2', 't1', '2026-11-03');
    expect(checkNotice(after, '2026-10-22', cal)).toEqual([]);
    expect(checkNotice(after, '2026-10-23', cal)[0]!.message).toContain('due by Thu 22 Oct 2026');
  });
  it('is broken by no notice at all', () => {
    expect(checkNotice(v, null, cal)[0]).toMatchObject({ code: 'notice_missing' });
  });
  it('needs no notice for an invited visit', () => {
    expect(checkNotice({ ...v, invited: true }, null, cal)).toEqual([]);
    expect(checkNotice({ ...v, invited: true }, '2026-11-24', cal)).toEqual([]);
  });
  it('follows a school’s longer notice', () => {
    expect(checkNotice(v, '2026-11-19', cal, { noticeSchoolDays: 3 })[0]!.message).toContain(
      'at least 3 school days',
    );
  });
});

describe('teaching days only', () => {
  it('refuses weekends, INSET days and holidays, saying which', () => {
    expect(checkTeachingDay('2026-11-24', cal)).toEqual([]);
    expect(checkTeachingDay('2026-11-27', cal, ['w1'])).toMatchObject([
      { rule: 'teaching_day', code: 'not_a_teaching_day', subjectIds: ['w1'] },
    ]);
    expect(checkTeachingDay('2026-11-27', cal)[0]!.message).toBe(
      'Teaching days only: Fri 27 Nov 2026 is in “INSET day”, an INSET (staff training) day. Choose a teaching day in the school calendar.',
    );
    expect(checkTeachingDay('2026-11-28', cal)[0]!.message).toContain('is a Saturday');
    expect(checkTeachingDay('2026-10-27', cal)[0]!.message).toContain('October half term');
  });
});

describe('rule 5: no teacher over-watched', () => {
  const history = [
    { teacherId: 't1', date: '2026-09-15', invited: false },
    { teacherId: 't1', date: '2026-10-06', invited: false },
    { teacherId: 't1', date: '2026-10-13', invited: true },
    { teacherId: 't2', date: '2026-11-24', invited: false },
  ];

  it('allows a third visit in the school year, not a fourth', () => {
    expect(checkVisitCaps([visit('v1', 't1', '2026-11-24')], history, D, cal)).toEqual([]);
    const found = checkVisitCaps(
      [visit('v1', 't1', '2026-11-24'), visit('v2', 't1', '2027-02-02')],
      history,
      D,
      cal,
    );
    expect(found).toMatchObject([
      { rule: 'visit_cap', code: 'visit_cap_exceeded', limit: 3, subjectIds: ['v1', 'v2', 't1'] },
    ]);
    expect(found[0]!.message).toBe(
      'No teacher over-watched: the cap is 3 visits a school year, counting every walk, and this plan would give a teacher 4 between Sat 1 Aug 2026 and Sat 31 Jul 2027. Choose a lesson of a teacher with fewer visits.',
    );
  });

  it('does not count invited visits, before or now', () => {
    expect(
      checkVisitCaps(
        [
          visit('v1', 't1', '2026-11-24'),
          visit('v2', 't1', '2027-02-02', '09:00', '09:10', { invited: true }),
        ],
        history,
        D,
        cal,
      ),
    ).toEqual([]);
  });

  it('does not count health-and-safety visits against the cap or the one-a-day rule', () => {
    // A site audit of the room is not an observation of its teacher.
    const audit = { siteAudit: true };
    expect(
      checkVisitCaps(
        [
          visit('v1', 't1', '2026-11-24'),
          visit('v2', 't1', '2027-02-02', '09:00', '09:10', audit),
          visit('v3', 't1', '2026-11-24', '11:00', '11:10', audit),
        ],
        history,
        D,
        cal,
      ),
    ).toEqual([]);
    // …nor do audits in the history: three audits this year leave room for a visit.
    const audits = ['2026-10-06', '2026-10-13', '2026-11-03'].map((date) => ({
      teacherId: 't9',
      date,
      invited: false,
      siteAudit: true,
    }));
    expect(checkVisitCaps([visit('v1', 't9', '2026-11-03')], audits, D, cal)).toEqual([]);
    // The same visits as observations are refused: the test can fail.
    const observed = audits.map((h) => ({ ...h, siteAudit: false }));
    expect(checkVisitCaps([visit('v1', 't9', '2026-11-24')], observed, D, cal)).toMatchObject([
      { rule: 'visit_cap' },
    ]);
    expect(checkVisitCaps([visit('v1', 't9', '2026-11-03')], observed, D, cal)).toMatchObject([
      { rule: 'visits_per_day' },
      { rule: 'visit_cap' },
    ]);
  });

  it('counts a new school year afresh', () => {
    expect(
      checkVisitCaps(
        [visit('v1', 't1', '2027-09-14')],
        [...history, { teacherId: 't1', date: '2027-01-12', invited: false }],
        D,
        cal,
      ),
    ).toEqual([]);
  });

  it('counts per term when the school chose a term', () => {
    const s: ProtocolSettings = { ...D, visitCap: 1, capPeriod: 'term' };
    expect(checkVisitCaps([visit('v1', 't1', '2027-01-19')], history, s, cal)).toEqual([]);
    const found = checkVisitCaps([visit('v1', 't1', '2026-11-24')], history, s, cal);
    expect(found[0]!.message).toContain('the cap is 1 visit a term');
    expect(found[0]!.message).toContain(
      'would give a teacher 3 between Tue 1 Sep 2026 and Fri 18 Dec 2026',
    );
  });

  it('counts any run of days for a rolling period', () => {
    const s: ProtocolSettings = { ...D, visitCap: 2, capPeriod: { days: 30 } };
    // 15 Sep and 6 Oct are 21 days apart; a visit on 8 Oct puts three inside 30 days.
    expect(
      checkVisitCaps([visit('v1', 't1', '2026-10-08')], history, s, cal)[0]!.message,
    ).toContain('would give a teacher 3 within 30 days of Thu 8 Oct 2026');
    // 16 Oct: 6 Oct and 16 Oct within 30 days, 15 Sep outside every 30-day window with 16 Oct.
    expect(checkVisitCaps([visit('v1', 't1', '2026-10-16')], history, s, cal)).toEqual([]);
    // And a window that holds an earlier visit too: a visit on 14 Oct with 15 Sep in the window.
    expect(checkVisitCaps([visit('v1', 't1', '2026-10-14')], history, s, cal)).toHaveLength(1);
  });

  it('allows one visit per teacher per day, counting other walks and co-teachers', () => {
    const found = checkVisitCaps([visit('v1', 't2', '2026-11-24')], history, D, cal);
    expect(found).toMatchObject([
      {
        rule: 'visits_per_day',
        code: 'too_many_visits_in_a_day',
        limit: 1,
        subjectIds: ['v1', 't2'],
      },
    ]);
    expect(found[0]!.message).toBe(
      'No teacher over-watched: at most 1 visit per teacher a day, and this plan gives a teacher 2 on Tue 24 Nov 2026 (counting other walks). Choose a lesson of another teacher.',
    );
    const coTaught = checkVisitCaps(
      [
        visit('v1', 't3', '2026-11-25'),
        { ...visit('v2', 't4', '2026-11-25', '10:00', '10:10'), teacherIds: ['t4', 't3'] },
      ],
      [],
      D,
      cal,
    );
    expect(coTaught).toMatchObject([
      { code: 'too_many_visits_in_a_day', subjectIds: ['v1', 'v2', 't3'] },
    ]);
  });

  it('does not blame this plan for history alone', () => {
    const over = [1, 2, 3, 4].map((i) => ({
      teacherId: 't9',
      date: `2026-10-0${i}`,
      invited: false,
    }));
    expect(checkVisitCaps([visit('v1', 't1', '2026-11-24')], over, D, cal)).toEqual([]);
  });

  it('finds the cap period of a date', () => {
    expect(capPeriodOf('2026-11-24', { capPeriod: 'term' }, cal)).toEqual({
      startsOn: '2026-09-01',
      endsOn: '2026-12-18',
    });
    expect(capPeriodOf('2026-12-24', { capPeriod: 'term' }, cal)).toEqual({
      startsOn: '2026-12-19',
      endsOn: '2027-01-03',
    });
    expect(capPeriodOf('2026-11-24', { capPeriod: { days: 7 } }, cal)).toEqual({
      startsOn: '2026-11-18',
      endsOn: '2026-11-24',
    });
  });
});

describe('rule 13: minimum disruption', () => {
  const route = (times: [string, string][]) =>
    times.map(([s, e], i) => ({ id: `v${i + 1}`, startsAt: s, endsAt: e }));
  it('allows four rooms an hour of ten minutes each', () => {
    expect(
      checkRoomsPerHour(
        route([
          ['09:00', '09:10'],
          ['09:15', '09:25'],
          ['09:30', '09:40'],
          ['09:45', '09:55'],
          ['10:00', '10:10'],
        ]),
      ),
    ).toEqual([]);
  });
  it('refuses a fifth start inside sixty minutes, naming the hour', () => {
    const found = checkRoomsPerHour(
      route([
        ['09:00', '09:10'],
        ['09:12', '09:22'],
        ['09:24', '09:34'],
        ['09:36', '09:46'],
        ['09:48', '09:58'],
      ]),
    );
    expect(found).toMatchObject([
      {
        rule: 'rooms_per_hour',
        code: 'too_many_rooms_an_hour',
        limit: 4,
        subjectIds: ['v1', 'v2', 'v3', 'v4', 'v5'],
      },
    ]);
    expect(found[0]!.message).toBe(
      'Minimum disruption: at most 4 rooms an hour, and 5 visits start between 09:00 and 09:59. Space them out or take some off the route.',
    );
  });
  it('refuses visits longer than the time in a room, or overlapping, or backwards', () => {
    expect(checkRoomsPerHour(route([['09:00', '09:15']]))[0]!.message).toBe(
      'Minimum disruption: at most 10 minutes in a room, and visit v1 lasts 15 (09:00–09:15). Shorten it.',
    );
    expect(
      checkRoomsPerHour(
        route([
          ['09:00', '09:10'],
          ['09:05', '09:15'],
        ]),
      )[0],
    ).toMatchObject({ code: 'visits_overlap', subjectIds: ['v1', 'v2'] });
    expect(checkRoomsPerHour(route([['09:10', '09:00']]))[0]!.code).toBe(
      'visit_ends_before_it_starts',
    );
  });
  it('follows a school’s stricter limit, and reads times with seconds', () => {
    const r = route([
      ['09:00:00', '09:10:00'],
      ['09:20:00', '09:30:00'],
      ['09:40:00', '09:50:00'],
    ]);
    expect(checkRoomsPerHour(r)).toEqual([]);
    expect(checkRoomsPerHour(r, { visitMinutes: 10, maxRoomsPerHour: 2 })[0]!.message).toContain(
      'at most 2 rooms an hour, and 3 visits start between 09:00 and 09:59',
    );
  });
});

describe('checkWalkPlan', () => {
  const good: WalkPlanCheckInput = {
    walk: {
      id: 'w1',
      date: '2026-11-24',
      observerIds: ['o1', 'o2'],
      focus: 'How pupils explain their reasoning',
      purpose: 'To see how the oracy training is landing',
      programmeId: 'p1',
    },
    programme: { id: 'p1', status: 'published' },
    visits: [
      visit('v1', 't1', '2026-11-24', '09:00', '09:10'),
      visit('v2', 't2', '2026-11-24', '09:15', '09:25'),
    ],
    calendar: cal,
    history: [],
    staff: ['Amir Patel'],
    noticeDate: '2026-11-19',
  };

  it('finds nothing wrong with a good plan', () => {
    expect(checkWalkPlan(good)).toEqual([]);
  });

  it('finds every broken rule at once', () => {
    const bad: WalkPlanCheckInput = {
      ...good,
      walk: {
        ...good.walk,
        date: '2026-11-27',
        observerIds: ['o1', 'o2', 't2'],
        focus: 'Mr Patel',
        purpose: '',
      },
      programme: { id: 'p1', status: 'draft' },
      visits: [
        visit('v1', 't1', '2026-11-27', '09:00', '09:20'),
        visit('v2', 't2', '2026-11-27', '09:05', '09:15'),
        visit('v3', 't1', '2026-11-27', '09:20', '09:30'),
        visit('v4', 't4', '2026-11-27', '09:30', '09:40'),
        visit('v5', 't5', '2026-11-27', '09:40', '09:50'),
      ],
      noticeDate: '2026-11-26',
    };
    const rules = new Set(checkWalkPlan(bad).map((v) => v.rule));
    expect([...rules].sort()).toEqual([
      'focus',
      'notice',
      'observers',
      'programme',
      'rooms_per_hour',
      'teaching_day',
      'visits_per_day',
    ]);
    const codes = checkWalkPlan(bad).map((v) => v.code);
    expect(codes).toContain('observer_observed');
    expect(codes).toContain('too_many_observers');
    expect(codes).toContain('visit_too_long');
    expect(codes).toContain('visits_overlap');
    expect(codes).toContain('too_many_rooms_an_hour');
    expect(codes).toContain('focus_names_person');
    expect(codes).toContain('purpose_missing');
  });

  it('uses each visit’s own notice date before the walk’s, and skips rules when asked', () => {
    const late = {
      ...good,
      visits: [{ ...good.visits[0]!, noticeGivenOn: '2026-11-23' }, good.visits[1]!],
    };
    expect(checkWalkPlan(late).map((v) => v.subjectIds[0])).toEqual(['v1']);
    expect(checkWalkPlan({ ...late, skip: ['notice'] })).toEqual([]);
    expect(checkWalkPlan({ ...good, noticeDate: undefined }).map((v) => v.code)).toEqual([
      'notice_missing',
      'notice_missing',
    ]);
  });
});
