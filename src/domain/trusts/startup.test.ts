import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoPasswordRefusal, type StartupFacts, startupPlan } from './startup.ts';

const facts = (over: Partial<StartupFacts>): StartupFacts => ({
  database: 'embedded',
  production: false,
  demoAsked: false,
  empty: true,
  ...over,
});

describe('the start-up decision', () => {
  it('makes the demo on an empty embedded database, as the README’s first command promises', () => {
    expect(startupPlan(facts({}))).toEqual({
      kind: 'start',
      seedDemo: true,
      checkDemoPassword: false,
      firstRun: false,
    });
  });

  it('waits for the set-up wizard on an empty PostgreSQL database, unless --demo is given', () => {
    expect(startupPlan(facts({ database: 'postgres' }))).toMatchObject({
      seedDemo: false,
      firstRun: true,
    });
    expect(startupPlan(facts({ database: 'postgres', demoAsked: true }))).toMatchObject({
      seedDemo: true,
      firstRun: false,
    });
  });

  it('makes no demo in production and checks for the demo password there', () => {
    expect(startupPlan(facts({ production: true }))).toEqual({
      kind: 'start',
      seedDemo: false,
      checkDemoPassword: true,
      firstRun: true,
    });
    const refused = startupPlan(facts({ production: true, demoAsked: true }));
    expect(refused.kind).toBe('refuse');
  });

  it('never makes the demo where data exists, whatever else is true', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('embedded' as const, 'postgres' as const),
        fc.boolean(),
        fc.boolean(),
        (database, production, demoAsked) => {
          const plan = startupPlan({ database, production, demoAsked, empty: false });
          return plan.kind === 'refuse' || (!plan.seedDemo && !plan.firstRun);
        },
      ),
    );
  });

  it('refuses production while accounts have the demo password, and says how to fix it', () => {
    expect(demoPasswordRefusal([])).toBeNull();
    const message = demoPasswordRefusal(['a@x.test', 'b@x.test']) ?? '';
    expect(message).toContain('2 accounts still have the demo’s published password');
    expect(message).toContain('npm run trust -- disable');
    const many = demoPasswordRefusal(Array.from({ length: 8 }, (_, i) => `${i}@x.test`)) ?? '';
    expect(many).toContain('and 3 more');
  });
});
