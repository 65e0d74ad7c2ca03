import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiError } from '../../contracts/errors.ts';
import type { Config } from '../config.ts';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/**
 * The HTTP server, listening before the rest of the app has loaded (issue 22). A start spends
 * seconds loading the app's code and opening the database; meanwhile liveness (/api/health)
 * answers 200 "starting" (the process is up), readiness (/api/ready) and every other request
 * 503 with a Retry-After. When the app is ready it takes the same server over (Fastify's
 * serverFactory): no port is ever closed and reopened, so no request is refused between the two.
 * Only node:http is loaded here, so the port is open as soon as the configuration is read.
 */
export type EarlyServer = {
  server: http.Server;
  /** Where it listens, as http://host:port. */
  address: string;
  /** Fastify's handler (serverFactory), held until `open`. */
  take(handler: Handler): void;
  /** From now on every request goes to the app. */
  open(): void;
  /** Stops accepting, ends idle keep-alive connections, resolves when the last request ends. */
  close(): Promise<void>;
};

export async function listenEarly(config: Pick<Config, 'port' | 'host' | 'database'>) {
  const backend = config.database.kind === 'postgres' ? 'postgres' : 'pglite';
  let taken: Handler | null = null;
  let serving: Handler | null = null;
  const json = (response: http.ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...(status === 503 ? { 'retry-after': '1' } : {}),
    });
    response.end(JSON.stringify(body));
  };
  const starting: Handler = (request, response) => {
    const path = (request.url ?? '').split('?')[0];
    const database = { reachable: false, backend };
    if (path === '/api/health') return json(response, 200, { status: 'starting', database });
    if (path === '/api/ready') {
      return json(response, 503, {
        status: 'starting',
        database,
        migrated: false,
        draining: false,
      });
    }
    const error: ApiError = {
      error: {
        code: 'starting',
        message: 'Learning Walks is starting and will be ready in a moment. Try again shortly.',
      },
    };
    json(response, 503, error);
  };
  const server = http.createServer((request, response) => (serving ?? starting)(request, response));
  // As Fastify sets its own (its default keep-alive timeout).
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: config.port, host: config.host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    server,
    address: `http://${host}:${port}`,
    take: (handler) => {
      taken = handler;
    },
    open: () => {
      if (!taken) throw new Error('The app has not taken the server.');
      serving = taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  } satisfies EarlyServer;
}
