import { LogController } from 'fastify';

/** A request slower than this is logged at info, with its time. */
export const SLOW_REQUEST_MS = 1_000;

/**
 * Per-request lines at debug (issue 22): at the default info level a healthy request writes
 * nothing, while an error or a slow request is still logged at info or above. Set
 * LOG_LEVEL=debug to see every request.
 */
export class QuietRequestLogs extends LogController {
  override incomingRequest(request: Parameters<LogController['incomingRequest']>[0]) {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    ...[error, _request, reply]: Parameters<LogController['requestCompleted']>
  ) {
    const responseTime = reply.elapsedTime;
    if (error) {
      reply.log.error({ res: reply, err: error, responseTime }, 'request errored');
      return;
    }
    const slow = responseTime >= SLOW_REQUEST_MS;
    if (slow || reply.statusCode >= 500) {
      reply.log.info({ res: reply, responseTime, ...(slow ? { slow } : {}) }, 'request completed');
    } else {
      reply.log.debug({ res: reply, responseTime }, 'request completed');
    }
  }
}
