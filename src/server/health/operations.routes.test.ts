import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { newLifecycle } from './lifecycle.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';

describe('operations: readiness and metrics', () => {
  let t: TestApp;
  let off: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ metricsToken: TOKEN });
    off = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
    await off?.close();
  });

  it('is ready when the database answers and every migration has run; live is separate', async () => {
    const ready = await fetch(`${t.baseUrl}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      migrated: true,
      draining: false,
      database: { reachable: true },
    });
    const live = await fetch(`${t.baseUrl}/api/health`);
    expect(live.status).toBe(200);
    expect(await live.json()).not.toHaveProperty('migrated');
  });

  it('answers 503 "draining" to readiness once told to stop, while still live', async () => {
    const lifecycle = newLifecycle();
    const app = await buildApp({
      config: { ...readConfig({ LOG_LEVEL: 'silent' }), database: t.config.database },
      database: t.database,
      serveWeb: false,
      lifecycle,
    });
    try {
      expect((await app.inject({ url: '/api/ready' })).statusCode).toBe(200);
      lifecycle.draining = true;
      const draining = await app.inject({ url: '/api/ready' });
      expect(draining.statusCode).toBe(503);
      expect(draining.json()).toMatchObject({ status: 'draining', draining: true });
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally {
      // The database belongs to the test app: close only this app's server.
      await app.close();
    }
  });

  it('shows request counts and latencies by route pattern to the holder of METRICS_TOKEN only', async () => {
    await fetch(`${t.baseUrl}/api/health`);
    await fetch(`${t.baseUrl}/api/schools/${crypto.randomUUID()}/concerns`);

    const none = await fetch(`${t.baseUrl}/metrics`);
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('metrics_token_invalid');
    const wrong = await fetch(`${t.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(401);

    const res = await fetch(`${t.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /lw_http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/,
    );
    // The route's pattern, never the id in the path.
    expect(text).toContain('route="/api/schools/:schoolId/concerns"');
    expect(text).not.toMatch(/route="\/api\/schools\/[0-9a-f]{8}-/);
    expect(text).toMatch(
      /lw_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/health"\}/,
    );
    for (const name of [
      'lw_job_queue_depth',
      'lw_jobs_total',
      'lw_mail_attempts_total',
      'lw_mail_pending',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('is off, with a clear answer, when METRICS_TOKEN is unset', async () => {
    const res = await fetch(`${off.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe('metrics_off');
    expect(body.error.message).toContain('METRICS_TOKEN');
  });
});
