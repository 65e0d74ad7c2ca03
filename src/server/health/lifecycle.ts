/**
 * Where the process is in its life: main.ts sets `draining` on SIGTERM, and from then on
 * /api/ready answers 503 so a load balancer sends no new requests while the in-flight ones
 * and the running jobs finish.
 */
export type Lifecycle = { draining: boolean };

export function newLifecycle(): Lifecycle {
  return { draining: false };
}
