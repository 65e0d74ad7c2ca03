import { startTransition } from 'react';
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

const tree = (
  <Root client={client}>
    <App session={state?.session} />
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
