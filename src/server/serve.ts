import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { DEMO_PASSWORD, demoTrust } from './demo/demo-trust.ts';
import { demoSignIns } from './demo/seed.ts';
import type { EarlyServer } from './health/early-server.ts';
import { newLifecycle } from './health/lifecycle.ts';
import { type JobQueue, startJobQueue } from './jobs/job-queue.ts';
import { createTransport } from './mail/mailer.ts';
import { prepareDatabase } from './startup.ts';

/**
 * The rest of a start (main.ts has opened the port): open and migrate the database, build the
 * app, hand it the port, then start the job queue and say where the app is.
 */
export async function serve(config: Config, early: EarlyServer, options: { demoAsked: boolean }) {
  const database = await openDatabase(config, { jobQueue: true });
  console.log(
    database.migrated.length > 0
      ? `Migrations: ran ${database.migrated.length} (${database.migrated.at(-1)}).`
      : 'Migrations: none to run.',
  );
  // The demo only where asked; production refuses the demo's password (issue 13).
  const prepared = await prepareDatabase(config, database, { demoAsked: options.demoAsked });
  if (prepared.kind === 'refuse') {
    console.error(prepared.message);
    await database.close();
    process.exit(1);
  }
  const seeded = prepared.seeded;
  const lifecycle = newLifecycle();
  const app = await buildApp({ config, database, lifecycle, server: early });
  await app.ready();

  // Everything that happens later (issue 17): the scheduled work list and mail delivery, as jobs
  // in the database, each done once however many instances run. Requests are served from here
  // on; the job queue starts beside them.
  const transport = createTransport(config);
  let jobs: JobQueue | null = null;

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
      await Promise.all([early.close(), app.close(), jobs?.stop(config.shutdownGraceMs)]);
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

  early.open();
  app.log.info(`Server listening at ${early.address}`);
  jobs = await startJobQueue({
    database,
    config,
    deps: { db: database.db, config, transport, now: () => new Date() },
    log: app.log,
    worker: config.jobs.worker,
  });

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
  const home = early.address.replace('127.0.0.1', 'localhost');
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
}
