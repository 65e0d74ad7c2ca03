/**
 * The last person who signed in on this device, so the capture screens open with no connection.
 * It holds no secret: the session cookie stays with the browser, and the server decides.
 */
export type CachedIdentity = { personId: string; fullName: string; trustName: string };

const KEY = 'learning-walks.capture.identity';

export function rememberIdentity(identity: CachedIdentity) {
  try {
    localStorage.setItem(KEY, JSON.stringify(identity));
  } catch {
    // Private mode or full storage: capture still works online.
  }
}

export function cachedIdentity(): CachedIdentity | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as CachedIdentity) : null;
  } catch {
    return null;
  }
}
