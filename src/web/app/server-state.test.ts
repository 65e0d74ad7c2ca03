import { describe, expect, it } from 'vitest';
import { readServerState, type ServerState, serverStateScript } from './server-state.ts';

/** The state as the page holds it, read back the way the browser reads it. */
function roundTrip(state: ServerState) {
  const script = serverStateScript(state);
  const text = script.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '');
  return {
    script,
    read: readServerState({ getElementById: () => ({ textContent: text }) as never }),
  };
}

const state = (title: string): ServerState => ({
  session: {
    me: { person: { id: 'p1', fullName: 'Ann Observer' }, csrfToken: 'token' } as never,
    mustEnrolMfa: false,
  },
  queries: {
    mutations: [],
    queries: [
      {
        queryKey: ['my-walks'],
        queryHash: '["my-walks"]',
        dehydratedAt: 0,
        state: { data: { walks: [{ focusTitle: title }] } } as never,
      },
    ],
  },
});

describe('the state a server-rendered page hands the browser', () => {
  it('cannot end its script early, whatever a title says, and reads back unchanged', () => {
    const title = 'Questioning </script><script>alert(1)</script> <!-- & \u2028 done';
    const { script, read } = roundTrip(state(title));
    // Exactly one closing tag (its own), no markup a parser would act on inside.
    expect(script.match(/<\/script/gi)).toHaveLength(1);
    expect(script).not.toContain('<!--');
    expect(script).not.toContain('\u2028');
    expect(read).toEqual(state(title));
  });

  it('is null when the page holds none, or holds something else', () => {
    expect(readServerState({ getElementById: () => null })).toBeNull();
    const holding = (text: string) =>
      readServerState({ getElementById: () => ({ textContent: text }) as never });
    expect(holding('{"session":')).toBeNull();
    expect(holding('{"queries":{}}')).toBeNull();
    expect(holding('null')).toBeNull();
  });
});
