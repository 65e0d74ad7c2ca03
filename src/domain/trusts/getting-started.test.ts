import { describe, expect, it } from 'vitest';
import {
  checklistFinished,
  gettingStartedSteps,
  type SchoolFacts,
  type TrustFacts,
} from './getting-started.ts';

const school = (id: string, over: Partial<SchoolFacts> = {}): SchoolFacts => ({
  id,
  name: `School ${id}`,
  terms: 1,
  closures: 1,
  leaders: 1,
  staff: 3,
  rooms: 2,
  lessons: 10,
  settingsSaved: true,
  programmesConsulted: 1,
  ...over,
});
const trust = (over: Partial<TrustFacts>): TrustFacts => ({
  singleSchool: false,
  schools: [school('a')],
  publishedFrameworks: 1,
  ...over,
});
const byKey = (facts: TrustFacts) =>
  Object.fromEntries(gettingStartedSteps(facts).map((s) => [s.key, s]));

describe('the getting-started checklist', () => {
  it('has six steps in order, none done for a new trust with no school', () => {
    const steps = gettingStartedSteps(trust({ schools: [], publishedFrameworks: 0 }));
    expect(steps.map((s) => s.key)).toEqual([
      'schools',
      'leaders',
      'timetable',
      'framework',
      'protocol',
      'programme',
    ]);
    expect(steps.every((s) => !s.done)).toBe(true);
    expect(steps[0]?.link).toBe('/schools/new');
    expect(checklistFinished(steps)).toBe(false);
  });

  it('ticks a school step only when every school has done it, and links to the first that has not', () => {
    const steps = byKey(trust({ schools: [school('a'), school('b', { lessons: 0 })] }));
    expect(steps.timetable?.done).toBe(false);
    expect(steps.timetable?.link).toBe('/schools/b/import');
    expect(steps.timetable?.detail).toContain('School b');
    expect(steps.leaders?.done).toBe(true);
    const noClosure = byKey(trust({ schools: [school('a', { closures: 0 })] }));
    expect(noClosure.schools?.done).toBe(false);
    expect(noClosure.schools?.link).toBe('/schools/a/edit');
  });

  it('needs staff, rooms and lessons for the timetable step', () => {
    for (const missing of ['staff', 'rooms', 'lessons'] as const) {
      expect(byKey(trust({ schools: [school('a', { [missing]: 0 })] })).timetable?.done).toBe(
        false,
      );
    }
  });

  it('is finished when everything is done', () => {
    expect(checklistFinished(gettingStartedSteps(trust({})))).toBe(true);
    expect(checklistFinished(gettingStartedSteps(trust({ publishedFrameworks: 0 })))).toBe(false);
  });

  it('speaks of one school, not a trust, for a single school', () => {
    const titles = gettingStartedSteps(trust({ singleSchool: true })).map((s) => s.title);
    expect(titles.join(' ')).not.toMatch(/trust|schools|each school/i);
    expect(titles[0]).toBe('Add your school’s terms and closures');
  });
});
