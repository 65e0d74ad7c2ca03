import type { LocalRecord } from '../offline/db.ts';

export type ShownStatus = LocalRecord['status'] | 'sent' | 'handed_in' | 'none';

const words: Record<ShownStatus, string> = {
  none: 'Not started',
  saved: 'Saved on this device',
  sending: 'Sending…',
  sent: 'Sent',
  handed_in: 'Handed in',
  attention: 'Needs attention',
};

export function statusOf(
  local: LocalRecord | undefined,
  server: { handedInAt: string | null } | undefined,
): ShownStatus {
  if (local) return local.status;
  if (server) return server.handedInAt ? 'handed_in' : 'sent';
  return 'none';
}

/** A record's state in words (never colour alone), with the server's message when it refused it. */
export function RecordStatus({
  status,
  message,
}: {
  status: ShownStatus;
  message?: string | null | undefined;
}) {
  return (
    <span className={`record-status status-${status}`}>
      <span className="status-dot" aria-hidden="true" />
      {words[status]}
      {status === 'saved' && message ? <span className="status-note"> — {message}</span> : null}
    </span>
  );
}
