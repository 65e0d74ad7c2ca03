import { rmSync } from 'node:fs';
import { buildApp } from './app.ts';
import { readConfigOrExit } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { DEMO_PASSWORD, demoTrust } from './demo/demo-trust.ts';
import { demoSignIns } from './demo/seed.ts';
import { newLifecycle } from './health/lifecycle.ts';
import { startJobQueue } from './jobs/job-queue.ts';
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

const database = await openDatabase(config, { jobQueue: true });
console.log(
  database.migrated.length > 0
    ? `Migrations: ran ${database.migrated.length} (${database.migrated.at(-1)}).`
    : 'Migrations: none to run.',
);
// The demo only where asked; production refuses the demo's password (issue 13).
const prepared = await prepareDatabase(config, database, { demoAsked: args.has('--demo') });
if (prepared.kind === 'refuse') {
  console.error(prepared.message);
  await database.close();
  process.exit(1);
}
const seeded = prepared.seeded;
const lifecycle = newLifecycle();
const app = await buildApp({ config, database, lifecycle });

// Everything that happens later (issue 17): the scheduled work list and mail delivery, as jobs
// in the database, each done once however many instances run.
const transport = createTransport(config);
const jobs = await startJobQueue({
  database,
  config,
  deps: { db: database.db, config, transport, now: () => new Date() },
  log: app.log,
  worker: config.jobs.worker,
});

// SIGTERM (or Ctrl-C): /api/ready turns 503 at once so the load balancer stops sending; the
// server stops accepting, lets in-flight requests finish, and closes idle keep-alive
// connections; running jobs finish (a job still running at the grace time is retried by
// another instance); then the database closes. A second signal exits at once.
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) process.exit(1);
  stopping = true;
  lifecycle.draining = true;
  app.log.info({ signal }, 'draining: finishing requests and jobs, then exiting');
  const force = setTimeout(() => {
    app.log.error('could not drain within SHUTDOWN_GRACE_SECONDS; exiting');
    process.exit(1);
  }, config.shutdownGraceMs + 5000);
  force.unref();
  try {
    await Promise.all([app.close(), jobs.stop(config.shutdownGraceMs)]);
    transport?.close();
    await database.close();
  } catch (err) {
    app.log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

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
