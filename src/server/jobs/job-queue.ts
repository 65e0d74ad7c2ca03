import { PgBoss } from 'pg-boss';
import { type ScheduledWork, scheduledWork } from '../actions/scheduled.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { bossOptions } from '../db/job-schema.ts';
import type { MailDeps } from '../mail/after-commit.ts';
import { countPendingMail, deliverPendingMail } from '../mail/delivery.ts';
import { jobsRun, setQueueSources } from '../metrics/metrics.ts';

type Log = {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
};

/**
 * Mail delivery is work like any other on the list, run more often: every outbox row is its
 * own job with its own backoff (mail/delivery.ts); this sweeps the ones that are due.
 */
export const mailDelivery: ScheduledWork = {
  name: 'mail-delivery',
  run: (deps) => deliverPendingMail(deps),
};

/** Mail delivery looks for due mail at least this often. */
const MAIL_EVERY_SECONDS = 10;

export type JobQueue = {
  boss: PgBoss;
  /** Stops taking jobs, lets the running ones finish (up to the grace time), then disconnects. */
  stop(graceMs: number): Promise<void>;
};

/**
 * The job queue (issue 17, docs/decisions/0004-job-queue.md): pg-boss over the app's database.
 * Each entry of `scheduledWork` is a queue that gets one job per period (SCHEDULED_WORK_SECONDS)
 * however many instances run: every instance offers the job a few times a period, throttled by
 * pg-boss on a unique index to one job per time slot, so the work goes on while any instance
 * lives. (pg-boss's cron schedules work the same way underneath, but in one-minute slots only.)
 * The queue's `stately` policy keeps at most one queued and one running, so a slow run never
 * overlaps the next. A job whose process dies is retried after its time limit; every run is
 * idempotent, so a retry does no harm.
 */
export async function startJobQueue(options: {
  database: Database;
  config: Config;
  deps: MailDeps;
  log: Log;
  /** Run jobs in this process (JOBS_WORKER); false: only keep the schedules. */
  worker?: boolean;
}): Promise<JobQueue> {
  const { database, config, deps, log } = options;
  const interval = config.jobs.intervalSeconds;
  const boss = new PgBoss(
    bossOptions(database.jobTarget, {
      ...(database.jobTarget.kind === 'postgres'
        ? // pg-boss's own pool, acting as the app role like every other connection.
          { max: 4, options: `-c role=${config.appRole}`, application_name: 'learning-walks-jobs' }
        : {}),
      // The embedded database has one session and one process: no instance registry needed.
      registerInstance: database.jobTarget.kind === 'postgres',
      ...(interval
        ? {
            superviseIntervalSeconds: Math.max(1, Math.round(interval)),
            // Expired jobs (a process died mid-job) are found on the monitor pass.
            monitorIntervalSeconds: Math.max(1, Math.round(interval)),
            cronMonitorIntervalSeconds: Math.max(1, Math.round(interval)),
            cronWorkerIntervalSeconds: Math.max(1, Math.round(interval)),
          }
        : {}),
    }),
  );
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  boss.on('warning', (warning) => log.warn({ warning }, 'job queue warning'));
  await boss.start();

  const every = config.jobs.scheduledEverySeconds;
  const work = [
    ...scheduledWork.map((w) => ({ w, every })),
    { w: mailDelivery, every: Math.min(every, MAIL_EVERY_SECONDS) },
  ];
  // A job still running after this is taken as lost (its process died) and retried: longer than
  // any run should take, which is mostly the mail it sends (each attempt bounded by the timeout).
  const expireInSeconds = Math.max(10, config.delivery.timeoutSeconds * 5);
  const known = new Set((await boss.getQueues()).map((q) => q.name));
  for (const { w } of work) {
    if (!known.has(w.name)) {
      await boss
        .createQueue(w.name, { policy: 'stately', retryLimit: 1, expireInSeconds })
        // Another instance starting at the same moment created it first.
        .catch((err) => log.warn({ err, queue: w.name }, 'queue already created'));
    }
    if (options.worker === false) continue;
    await boss.work(
      w.name,
      { pollingIntervalSeconds: interval ?? 2, batchSize: 1 },
      async ([job]) => {
        try {
          const done = await w.run(deps);
          jobsRun.inc({ queue: w.name, outcome: 'completed' });
          return { result: done ?? null };
        } catch (err) {
          jobsRun.inc({ queue: w.name, outcome: 'failed' });
          log.error({ err, queue: w.name, jobId: job?.id }, 'scheduled work failed');
          throw err;
        }
      },
    );
  }

  // Offer each job four times a period; the throttle keeps one per slot across instances.
  const offer = async () => {
    for (const { w, every: seconds } of work) {
      try {
        await boss.sendThrottled(w.name, null, null, seconds, 'every');
      } catch (err) {
        log.warn({ err, queue: w.name }, 'could not offer scheduled work');
      }
    }
  };
  let offering = false;
  const tickMs = Math.max(250, (Math.min(...work.map((x) => x.every)) * 1000) / 4);
  const timer = setInterval(() => {
    if (offering) return;
    offering = true;
    void offer().finally(() => {
      offering = false;
    });
  }, tickMs);
  timer.unref();
  await offer();

  setQueueSources({
    depth: async () =>
      (await boss.getQueues(work.map(({ w }) => w.name))).flatMap((q) => [
        { queue: q.name, state: 'queued' as const, count: q.queuedCount },
        { queue: q.name, state: 'active' as const, count: q.activeCount },
        { queue: q.name, state: 'failed' as const, count: q.failedCount },
      ]),
    pendingMail: () => countPendingMail(deps),
  });

  return {
    boss,
    async stop(graceMs) {
      clearInterval(timer);
      await boss.stop({ graceful: true, timeout: Math.max(1000, graceMs) });
    },
  };
}
