/**
 * What a start of the server does about the demo trust (issue 13). On the embedded database
 * with no data, the demo is made, so the README's first command shows a working product. On
 * PostgreSQL (DATABASE_URL), or in production, the demo is made only when `--demo` is given,
 * and a production start refuses to run while any account still has the demo's published
 * password.
 */
export type StartupFacts = {
  database: 'embedded' | 'postgres';
  production: boolean;
  /** `--demo` was given. */
  demoAsked: boolean;
  /** No account exists yet. */
  empty: boolean;
};

export type StartupPlan =
  | { kind: 'refuse'; message: string }
  | {
      kind: 'start';
      seedDemo: boolean;
      /** Check that no account has the demo password before listening. */
      checkDemoPassword: boolean;
      /** What the empty database waits for, said on the console. */
      firstRun: boolean;
    };

export function startupPlan(facts: StartupFacts): StartupPlan {
  if (facts.production && facts.demoAsked) {
    return {
      kind: 'refuse',
      message:
        'The demo trust has a published password, so it cannot run in production. Start without --demo, or without NODE_ENV=production to try the demo.',
    };
  }
  const demoByDefault = facts.database === 'embedded' && !facts.production;
  const seedDemo = facts.empty && (facts.demoAsked || demoByDefault);
  return {
    kind: 'start',
    seedDemo,
    checkDemoPassword: facts.production,
    firstRun: facts.empty && !seedDemo,
  };
}

/** The refusal of a production start while accounts still have the demo password; null if none. */
export function demoPasswordRefusal(emails: readonly string[]): string | null {
  if (emails.length === 0) return null;
  const shown = emails.slice(0, 5).join(', ');
  const more = emails.length > 5 ? ` and ${emails.length - 5} more` : '';
  return [
    `Refusing to start in production: ${emails.length === 1 ? 'an account still has' : `${emails.length} accounts still have`} the demo’s published password (${shown}${more}).`,
    'To fix it: if this database holds only the demo, start on an empty database (drop and recreate it) and set up your trust;',
    'otherwise disable the demo trust with `npm run trust -- disable <short name>` and give those accounts their own password or sign-in link,',
    'or start without NODE_ENV=production to keep trying the demo.',
  ].join('\n');
}
