import { startTransition, useEffect } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { newQueryClient, Root } from './app/Root.tsx';
import { readServerState, takeServerAnswers } from './app/server-state.ts';
import './styles.css';

// A page the server rendered (capture, issue 22) comes with its session and the answers it
// showed: React starts from them and takes over the same markup without asking again.
const state = readServerState(document);
const client = newQueryClient();
if (state) takeServerAnswers(client, state);

/**
 * Marks the moment the app has taken the page over (its buttons answer): the web bench reads it
 * from Lighthouse's user timings. It renders nothing, so the server's markup still matches.
 */
function ReadyMark() {
  useEffect(() => {
    performance.mark('learning-walks:ready');
  }, []);
  return null;
}

const tree = (
  <Root client={client}>
    <App session={state?.session} />
    <ReadyMark />
  </Root>
);
const root = document.getElementById('root')!;
// The sign-in page comes prerendered (issue 22: its form paints before any script runs), and
// capture rendered by the server; React takes over their markup. Every other page, and every
// page the service worker serves, starts empty.
// A transition either way: React draws (or takes over) the first page in slices and lets the
// browser in between, rather than in one long task (issue 22).
startTransition(() => {
  if (root.firstElementChild) {
    hydrateRoot(root, tree, {
      // React recovers by drawing the page afresh; say so, where a test or a developer will see it.
      onRecoverableError: (error) =>
        console.error('The prerendered page did not match its first render:', error),
    });
  } else {
    createRoot(root).render(tree);
  }
});

// vite-plugin-pwa's service worker, registered once the page has loaded so its precache never
// competes with what the page itself is fetching. The app registers it rather than a script tag
// in the page: a page drawn before its scripts start asks for nothing else first
// (build/first-paint.ts).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  const register = () =>
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .catch((error) => console.error('The offline service worker was not registered:', error));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
