import { ApiFailure, api } from '../lib/api.ts';
import { putJpeg } from './api.ts';

/**
 * Findings recorded on a site walk wait on the device until the server has them (issue 14): each
 * is saved at once under an id the device made, sent when there is a connection (at once, on
 * reconnecting and every few seconds), and removed when acknowledged. The server makes a resend
 * harmless: the same finding is "unchanged" and raises no second urgent alert. Photos (already
 * re-encoded, so without camera data) follow their finding.
 */
export type QueuedFinding = {
  findingId: string;
  body: {
    walkId: string;
    placeId: string;
    itemId: string;
    outcome: 'satisfactory' | 'needs_attention' | 'not_applicable';
    likelihood: number | null;
    severity: number | null;
    notes: string;
    makeSafe: boolean;
  };
  /** Photos as data URLs (small JPEGs), each under its own id. */
  photos: { photoId: string; dataUrl: string }[];
  /** Why the server refused it, kept on the device for the person to fix. */
  problem?: string;
};

const key = (walkId: string) => `site-outbox:${walkId}`;
const listeners = new Set<() => void>();

export function queued(walkId: string): QueuedFinding[] {
  try {
    return JSON.parse(localStorage.getItem(key(walkId)) ?? '[]') as QueuedFinding[];
  } catch {
    return [];
  }
}

function save(walkId: string, items: QueuedFinding[]) {
  localStorage.setItem(key(walkId), JSON.stringify(items));
  for (const l of listeners) l();
}

export function onQueueChange(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function enqueue(item: QueuedFinding) {
  const items = queued(item.body.walkId).filter((i) => i.findingId !== item.findingId);
  save(item.body.walkId, [...items, item]);
}

const dataUrlToBlob = async (dataUrl: string) => (await fetch(dataUrl)).blob();

let sending = false;

/** One pass: sends every waiting finding of the walk, then its photos. */
export async function sendQueued(walkId: string): Promise<{ sent: number; waiting: number }> {
  if (sending) return { sent: 0, waiting: queued(walkId).length };
  sending = true;
  let sent = 0;
  try {
    for (const item of queued(walkId)) {
      try {
        await api(`/api/site-findings/${item.findingId}`, { method: 'PUT', body: item.body });
        for (const p of item.photos)
          await putJpeg(
            `/api/site-findings/${item.findingId}/photos/${p.photoId}`,
            await dataUrlToBlob(p.dataUrl),
          );
        save(
          walkId,
          queued(walkId).filter((i) => i.findingId !== item.findingId),
        );
        sent++;
      } catch (e) {
        if (e instanceof ApiFailure && e.code === 'offline') break;
        if (e instanceof ApiFailure && e.status >= 500) break;
        save(
          walkId,
          queued(walkId).map((i) =>
            i.findingId === item.findingId
              ? { ...i, problem: e instanceof Error ? e.message : 'The server refused it.' }
              : i,
          ),
        );
      }
    }
  } finally {
    sending = false;
  }
  return { sent, waiting: queued(walkId).length };
}

/** Sends in the background while the page is open: now, on reconnecting, every 3 seconds. */
export function startSending(walkId: string, onSent: () => void) {
  const run = () => {
    if (!navigator.onLine) return;
    void sendQueued(walkId).then((r) => {
      if (r.sent > 0) onSent();
    });
  };
  run();
  window.addEventListener('online', run);
  const timer = window.setInterval(run, 3000);
  return () => {
    window.removeEventListener('online', run);
    window.clearInterval(timer);
  };
}
