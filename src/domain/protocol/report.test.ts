import { describe, expect, it } from 'vitest';
import { latestNoticeDate } from '../calendar/calendar.ts';
import { testCalendar as cal } from '../calendar/test-calendar.ts';
import { syntheticSchool } from '../planner/synthetic.ts';
import { planTerm, spreadWalks } from '../planner/term.ts';
import { type ProtocolReportInput, protocolReport } from './report.ts';

const school = syntheticSchool({ seed: 3, teachers: 20, lessonsPerWeek: 440, prefix: 'r' });
const walks = spreadWalks(cal, '2026-11-02', '2026-12-18', 8, [
  { startsAt: '08:50', endsAt: '09:50' },
  { startsAt: '13:50', endsAt: '14:50' },
]).map((w, i) => ({ ...w, id: `w${i + 1}`, observerIds: ['lead', 'deputy'], visitsWanted: 4 }));
const term = planTerm(
  { calendar: cal, timetable: school.timetable, walks, history: [] },
  { seed: 1 },
);
const programme = {
  id: 'p1',
  status: 'published' as const,
  agreedOn: '2026-10-12',
  publishedOn: '2026-10-19',
};

const input: ProtocolReportInput = {
  title: 'Autumn term 2026',
  walks: term.plans.map(({ walk, plan }) => ({
    walk: {
      id: walk.id,
      date: walk.date,
      observerIds: walk.observerIds,
      focus: 'How pupils explain their reasoning',
      purpose: 'Follow-up to the oracy training',
      programmeId: 'p1',
    },
    programme,
    visits: plan.visits.map((v) => ({
      ...v,
      id: `${walk.id}-${v.order}`,
      noticeGivenOn: latestNoticeDate(cal, v.date, 2),
    })),
  })),
  calendar: cal,
  staff: ['Amir Patel', 'Sara Khan'],
};

describe('the protocol report', () => {
  it('shows every rule kept, with its evidence', () => {
    const report = protocolReport(input);
    expect(report.allKept).toBe(true);
    expect(report.walks).toBe(8);
    expect(report.visits).toBe(32);
    expect(report.rows.map((r) => [r.number, r.rule, r.status])).toEqual([
      [1, 'programme', 'kept'],
      [2, 'focus', 'kept'],
      [3, 'observers', 'kept'],
      [4, 'notice', 'kept'],
      [5, 'visit_cap', 'kept'],
      [6, 'no_evaluation', 'not_measured'],
      [7, 'student_voice', 'not_measured'],
      [8, 'teachers_see_records', 'not_measured'],
      [9, 'neutral_language', 'not_measured'],
      [10, 'aggregates_only', 'not_measured'],
      [11, 'reviews', 'not_measured'],
      [12, 'concerns', 'not_measured'],
      [13, 'rooms_per_hour', 'kept'],
    ]);
    expect(report.otherChecks.map((r) => [r.rule, r.status])).toEqual([
      ['teaching_day', 'kept'],
      ['spread', 'kept'],
    ]);
    expect(report.rows[11]!.evidence).toEqual([
      'Not measured: concerns were not given to the report.',
    ]);
    const evidence = (rule: string) =>
      [...report.rows, ...report.otherChecks].find((r) => r.rule === rule)!.evidence.join(' ');
    expect(evidence('programme')).toContain(
      'Programme agreed with staff on Mon 12 Oct 2026, published on Mon 19 Oct 2026.',
    );
    expect(evidence('programme')).toContain('8 walks of 8 in a published programme.');
    expect(evidence('focus')).toContain(
      'The focus check, run again over the 8 published walks’ stored focus and purpose (with 2 names on the staff list), found none about an individual.',
    );
    expect(evidence('observers')).toContain('Most observers on any walk: 2 (limit 2).');
    expect(evidence('notice')).toMatch(
      /^Notices sent on (Mon|Tue|Wed|Thu|Fri) \d+ [A-Z][a-z]{2} 2026 \(4 visits\)/,
    );
    expect(evidence('notice')).toContain(
      'Shortest notice: 2 school days (the rule is at least 2 school days).',
    );
    expect(evidence('visit_cap')).toMatch(
      /within the cap of 3 visits a school year, counting every walk: the most any teacher had was [12]\./,
    );
    expect(evidence('rooms_per_hour')).toBe(
      'Longest time in a room: 10 minutes (limit 10). Most rooms in any hour: 4 (limit 4).',
    );
    expect(evidence('spread')).toMatch(
      /Visits by weekday: Monday \d+, Tuesday \d+, Wednesday \d+, Thursday \d+, Friday \d+\./,
    );
  });

  it('never names or identifies a teacher', () => {
    const text = JSON.stringify(protocolReport(input));
    for (const t of school.teacherIds) expect(text).not.toContain(`"${t}"`);
    expect(text).not.toMatch(/r-t\d+/);
  });

  it('shows broken rules with counts', () => {
    const [first, second, ...rest] = input.walks;
    const broken: ProtocolReportInput = {
      ...input,
      walks: [
        {
          ...first!,
          walk: { ...first!.walk, observerIds: ['a', 'b', 'c'], focus: 'Mr Patel’s questioning' },
          programme: null,
        },
        { ...second!, visits: second!.visits.map((v) => ({ ...v, noticeGivenOn: v.date })) },
        ...rest,
      ],
    };
    const report = protocolReport(broken);
    expect(report.allKept).toBe(false);
    const byRule = Object.fromEntries(report.rows.map((r) => [r.rule, r]));
    expect(byRule.programme).toMatchObject({ status: 'broken', violations: 1 });
    expect(byRule.programme!.evidence).toContain(
      '1 walk with neither a published programme nor a recorded reason.',
    );
    expect(byRule.focus).toMatchObject({ status: 'broken', violations: 1 });
    expect(byRule.observers!.evidence[0]).toBe('Most observers on any walk: 3 (limit 2).');
    expect(byRule.notice).toMatchObject({ status: 'broken', violations: 4 });
    expect(byRule.notice!.evidence).toContain('4 visits without enough notice.');
    expect(byRule.visit_cap!.status).toBe('kept');
  });

  it('marks rules not applicable when there is nothing to judge, and never claims what it cannot measure', () => {
    const report = protocolReport({ ...input, walks: [] });
    expect(
      report.rows.filter((r) => r.status !== 'not_applicable').map((r) => [r.rule, r.status]),
    ).toEqual([
      ['no_evaluation', 'not_measured'],
      ['student_voice', 'not_measured'],
      ['teachers_see_records', 'not_measured'],
      ['neutral_language', 'not_measured'],
      ['aggregates_only', 'not_measured'],
      ['reviews', 'not_measured'],
      ['concerns', 'not_measured'],
    ]);
    expect(report.allKept).toBe(true);
  });

  it('judges rules 6 to 11 from the counts given', () => {
    const report = protocolReport({
      ...input,
      prompts: [
        { text: 'Pupils explain their reasoning to a partner', audience: 'observer' },
        { text: 'Rate the teacher out of 5', audience: 'observer' },
        { text: 'What are you learning today?', audience: 'pupils' },
        { text: 'Does Mr Smith explain well?', audience: 'pupils' },
      ],
      records: { handedIn: 5, versioned: 5, flags: 1, flagsAnswered: 1, responses: 2 },
      handedIn: [
        { answers: [], notes: 'Most pupils discussed the question in pairs.', studentVoice: [] },
        { answers: [], notes: 'Amir Patel lost control.', studentVoice: [] },
        // A staff name kept with a reason, as hand-in allows: not a breach.
        {
          answers: [],
          notes: 'Ms Jones led the starter, as agreed with the department.',
          studentVoice: [],
          kept: [{ field: 'notes', phrase: 'Ms Jones', reason: 'The teacher asked to be named.' }],
        },
      ],
      reviews: {
        frequency: 'term',
        periods: [
          {
            label: 'Autumn term',
            from: '2026-09-01',
            to: '2026-12-18',
            held: 1,
            due: false,
            ended: true,
          },
          {
            label: 'Spring term',
            from: '2027-01-04',
            to: '2027-03-26',
            held: 0,
            due: true,
            ended: true,
          },
        ],
        answered: 12,
        asked: 20,
      },
    });
    const byRule = Object.fromEntries(report.rows.map((r) => [r.rule, r]));
    expect(byRule.no_evaluation).toMatchObject({ status: 'broken', violations: 1 });
    expect(byRule.student_voice).toMatchObject({ status: 'broken', violations: 1 });
    expect(byRule.teachers_see_records).toMatchObject({ status: 'kept' });
    expect(byRule.teachers_see_records!.evidence[1]).toBe(
      'Teachers responded 2 times and flagged 1 factual error (1 settled).',
    );
    expect(byRule.neutral_language).toMatchObject({ status: 'broken', violations: 1 });
    expect(byRule.neutral_language!.evidence).toContain(
      '1 flagged phrase kept by the observer with a stated reason, shown to the teacher marked.',
    );
    expect(byRule.reviews).toMatchObject({ status: 'broken', violations: 1 });
    expect(byRule.reviews!.evidence).toContain('12 of 20 staff asked answered the pulse.');
    expect(byRule.aggregates_only!.status).toBe('not_measured');
  });

  it('counts walks by the plan they carry out, and consultations by their length and answers', () => {
    const [first, second, ...rest] = input.walks;
    const report = protocolReport({
      ...input,
      walks: [
        { ...first!, planned: 'programme' },
        { ...second!, planned: 'amendment' },
        ...rest.map((w) => ({
          ...w,
          planned: null,
          walk: {
            ...w.walk,
            inAgreedProgramme: false,
            offProgrammeReason: 'Asked for by the science department after its review.',
          },
        })),
      ],
      consultations: [
        {
          kind: 'programme',
          schoolDays: 6,
          minSchoolDays: 5,
          comments: 3,
          anonymous: 1,
          unanswered: 0,
        },
        {
          kind: 'amendment',
          schoolDays: 1,
          minSchoolDays: 2,
          comments: 0,
          anonymous: 0,
          unanswered: 0,
        },
      ],
    });
    const programme = report.rows[0]!;
    expect(programme.evidence).toContain(
      '1 walk carried out a planned walk of the agreed programme; 1 walk one added by an agreed amendment.',
    );
    expect(programme.evidence).toContain(
      '6 walks outside the agreed plan, each with a recorded reason.',
    );
    expect(programme.evidence).toContain(
      'Consultation on the programme lasted 6 school days (at least 5): 3 comments (1 anonymous), 0 unanswered.',
    );
    expect(programme).toMatchObject({ status: 'broken', violations: 1 });
  });
});

describe('the spread over the week', () => {
  it('is broken when every walk falls on the same weekday', () => {
    const mondays = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
    const report = protocolReport({
      ...input,
      walks: mondays.map((date, i) => ({
        ...input.walks[i]!,
        walk: { ...input.walks[i]!.walk, date },
        visits: input.walks[i]!.visits.map((v) => ({
          ...v,
          date,
          noticeGivenOn: latestNoticeDate(cal, date, 2),
        })),
      })),
    });
    const spread = report.otherChecks.find((r) => r.rule === 'spread')!;
    expect(spread.status).toBe('broken');
    expect(spread.evidence).toContain('Walks on 1 different weekday (at least 3 expected).');
    expect(spread.evidence).toContain('Spread the walks over at least 3 weekdays.');
  });
});
