import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What /metrics shows (issue 17), one registry for the process: request rates and latencies by
 * route, the job queue's depth and failures, and mail failures. Labels carry route patterns,
 * queue names and outcomes only: never a person, a trust or an address.
 */
export const registry = new Registry();

export const httpRequests = new Counter({
  name: 'lw_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'lw_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method and route pattern.',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const jobsRun = new Counter({
  name: 'lw_jobs_total',
  help: 'Jobs run by this process, by queue and outcome (completed or failed).',
  labelNames: ['queue', 'outcome'] as const,
  registers: [registry],
});

export const mailAttempts = new Counter({
  name: 'lw_mail_attempts_total',
  help: 'SMTP delivery attempts by this process, by outcome (sent, failed, given_up).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

type Depth = { queue: string; state: 'queued' | 'active' | 'failed'; count: number };
let depthSource: (() => Promise<Depth[]>) | null = null;
let pendingSource: (() => Promise<number>) | null = null;

/** The job queue tells the metrics how to read its depth and the mail still to send. */
export function setQueueSources(sources: {
  depth: () => Promise<Depth[]>;
  pendingMail: () => Promise<number>;
}) {
  depthSource = sources.depth;
  pendingSource = sources.pendingMail;
}

/** Filled when scraped, from the queue's own counts (see jobs/job-queue.ts). */
export const queueDepth = new Gauge({
  name: 'lw_job_queue_depth',
  help: 'Jobs in the queue, by queue and state (queued, active, failed and kept).',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    if (!depthSource) return;
    for (const d of await depthSource()) this.set({ queue: d.queue, state: d.state }, d.count);
  },
});

export const mailPending = new Gauge({
  name: 'lw_mail_pending',
  help: 'SMTP mail not yet sent and not given up, across all trusts.',
  registers: [registry],
  async collect() {
    if (pendingSource) this.set(await pendingSource());
  },
});
