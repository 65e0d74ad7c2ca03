import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProgressLine } from '../../contracts/data-protection.ts';
import { AppError } from '../http/errors.ts';
import type { Progress } from './subject-access.service.ts';

/**
 * With `Accept: application/x-ndjson` the answer is a stream of lines: progress as the server
 * works, then one `result` line holding the status and body the plain JSON answer would have
 * had (as the imports do). Without it, a plain JSON answer.
 */
export async function withProgress<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  run: (progress: Progress) => Promise<T>,
): Promise<T> {
  if (!(request.headers.accept ?? '').includes('application/x-ndjson')) {
    return run(async () => {});
  }
  const stream = new PassThrough();
  const send = (line: ProgressLine) => stream.write(`${JSON.stringify(line)}\n`);
  // Let each line reach the socket before the next step (PGlite's work runs on this thread).
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  reply.header('content-type', 'application/x-ndjson; charset=utf-8');
  reply.send(stream);
  try {
    const body = await run(async (phase, message, done, total) => {
      send({ type: 'progress', phase, message, done, total });
      await flush();
    });
    send({ type: 'result', status: 200, body });
  } catch (error) {
    if (error instanceof AppError) {
      send({
        type: 'result',
        status: error.statusCode,
        body: { error: { code: error.code, message: error.message } },
      });
    } else {
      request.log.error({ err: error }, 'data-protection export failed');
      send({
        type: 'result',
        status: 500,
        body: {
          error: {
            code: 'internal_error',
            message:
              'Something went wrong on our side and the export was not made. Try again; if it keeps happening, tell your administrator.',
          },
        },
      });
    }
  }
  stream.end();
  // The answer went out as the stream; Fastify takes the reply itself as "already sent".
  return reply as unknown as T;
}
