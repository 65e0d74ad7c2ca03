import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a loopback port for the job queue's tests. `answer` decides each
 * message: accept it, refuse it for now (451, so the sender retries), or hold it unanswered
 * (a server that has stopped mid-message) until the connection closes.
 */
export type Answer = 'accept' | 'refuse' | 'hold';

export async function startTestSmtp(
  answer: (mail: ParsedMail, n: number) => Answer = () => 'accept',
) {
  const received: ParsedMail[] = [];
  const refused: ParsedMail[] = [];
  const held: ParsedMail[] = [];
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          n += 1;
          const what = answer(mail, n);
          if (what === 'accept') {
            received.push(mail);
            callback();
          } else if (what === 'refuse') {
            refused.push(mail);
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          } else {
            held.push(mail);
          }
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refused,
    held,
    /** Accepted mails whose subject starts with `prefix`. */
    withSubject: (prefix: string) => received.filter((m) => m.subject?.startsWith(prefix)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
