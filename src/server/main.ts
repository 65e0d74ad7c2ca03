import { rmSync } from 'node:fs';
import { startAfterTheWalkTimer } from './actions/scheduled.ts';
import { buildApp } from './app.ts';
import { readConfigOrExit } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { DEMO_PASSWORD, demoTrust } from './demo/demo-trust.ts';
import { demoSignIns } from './demo/seed.ts';
import { createTransport } from './mail/mailer.ts';
import { prepareDatabase } from './startup.ts';

const args = new Set(process.argv.slice(2));
const config = readConfigOrExit();
if (config.secretKey.source === 'development') {
  console.warn(
    'LW_SECRET_KEY is unset: secrets are sealed with the published development key. Set it before real use (README, "Secrets").',
  );
}

if (args.has('--reset') || args.has('--reset-only')) {
  if (config.database.kind !== 'pglite' || !config.database.dataDir) {
    console.error(
      '--reset only clears the embedded database folder. For PostgreSQL, drop and recreate the database.',
    );
    process.exit(1);
  }
  rmSync(config.database.dataDir, { recursive: true, force: true });
  console.log(`Cleared ${config.database.dataDir}.`);
  if (args.has('--reset-only')) process.exit(0);
}

const database = await openDatabase(config);
// The demo only where asked; production refuses the demo's password (issue 13).
const prepared = await prepareDatabase(config, database, { demoAsked: args.has('--demo') });
if (prepared.kind === 'refuse') {
  console.error(prepared.message);
  await database.close();
  process.exit(1);
}
const seeded = prepared.seeded;
const app = await buildApp({ config, database });

// After the walk (issue 7): tell teachers of handed-in records, remind owners of actions due.
const stopScheduled = startAfterTheWalkTimer(
  { db: database.db, config, transport: createTransport(config), now: () => new Date() },
  app.log,
);

const shutdown = async () => {
  stopScheduled();
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

const address = await app.listen({ port: config.port, host: config.host });
const where =
  database.backend === 'pglite'
    ? `embedded PostgreSQL in ${config.database.kind === 'pglite' ? config.database.dataDir : ''}`
    : 'PostgreSQL';
const signIns = demoSignIns(demoTrust());
// Only advertise the demo sign-ins where the demo trust really is.
const demoPresent = await database.db
  .selectFrom('auth_identities')
  .select('email')
  .where('email', '=', signIns[0]?.email ?? '')
  .executeTakeFirst();
const home = address.replace('127.0.0.1', 'localhost');
console.log(`
Learning Walks is running at ${home}
Database: ${where}${seeded ? ' (demo trust created)' : ''}
API documentation: ${home}/api/docs
${
  prepared.firstRun
    ? `
No trust yet: open ${home} to set up your trust (or school) and its first administrator,
or, for an installation serving many trusts: npm run trust -- create --name "…" --admin-email …
`
    : ''
}${
  demoPresent
    ? `
Demo sign-ins (password for all: ${DEMO_PASSWORD}):
${signIns.map((s) => `  ${s.who.padEnd(52)} ${s.email}`).join('\n')}
`
    : ''
}`);
