import { forgetToken } from './outbox.ts';
import { unsentRecords } from './store.ts';

const statusWords = {
  saved: 'saved on this device',
  sending: 'sending',
  attention: 'needs attention',
};

/**
 * Before signing out: if this person has records the server does not have yet, say which and
 * ask. Nothing is deleted either way: they stay on the device (kept apart by person) and are
 * sent the next time this person signs in here.
 */
export async function confirmSignOut(personId: string): Promise<boolean> {
  let unsent: Awaited<ReturnType<typeof unsentRecords>> = [];
  try {
    unsent = await unsentRecords(personId);
  } catch {
    unsent = [];
  }
  if (unsent.length === 0) {
    forgetToken();
    return true;
  }
  const list = unsent.map((r) => `• ${r.label} (${statusWords[r.status]})`).join('\n');
  const ok = window.confirm(
    `${unsent.length === 1 ? 'One record has' : `${unsent.length} records have`} not reached the server yet:\n${list}\n\n` +
      'They stay on this device and are sent when you sign in here again. Sign out anyway?',
  );
  if (ok) forgetToken();
  return ok;
}
