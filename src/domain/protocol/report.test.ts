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
    expect(report.rows.map((r) => [r.rule, r.status])).toEqual([
      ['programme', 'kept'],
      ['focus', 'kept'],
      ['observers', 'kept'],
      ['notice', 'kept'],
      ['teaching_day', 'kept'],
      ['visit_cap', 'kept'],
      ['visits_per_day', 'kept'],
      ['rooms_per_hour', 'kept'],
      ['spread', 'kept'],
    ]);
    const evidence = (rule: string) => report.rows.find((r) => r.rule === rule)!.evidence.join(' ');
    expect(evidence('programme')).toContain(
      'Programme agreed with staff on Monday 12 October 2026, published on Monday 19 October 2026.',
    );
    expect(evidence('programme')).toContain('8 walks of 8 in a published programme.');
    expect(evidence('focus')).toContain('checked against 2 names on the staff list');
    expect(evidence('observers')).toContain('Most observers on any walk: 2 (limit 2).');
    expect(evidence('notice')).toMatch(/^Notices sent on \w+day \d+ \w+ 2026 \(4 visits\)/);
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

  it('marks rules not applicable when there is nothing to judge', () => {
    const report = protocolReport({ ...input, walks: [] });
    expect(report.rows.every((r) => r.status === 'not_applicable')).toBe(true);
    expect(report.allKept).toBe(true);
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
    const spread = report.rows.find((r) => r.rule === 'spread')!;
    expect(spread.status).toBe('broken');
    expect(spread.evidence).toContain('Walks on 1 different weekday (at least 3 expected).');
    expect(spread.evidence).toContain('Spread the walks over at least 3 weekdays.');
  });
});
