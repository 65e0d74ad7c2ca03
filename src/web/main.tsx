import { startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { newQueryClient, Root } from './app/Root.tsx';
import './styles.css';

const tree = (
  <Root client={newQueryClient()}>
    <App />
  </Root>
);
const root = document.getElementById('root')!;
// The sign-in page comes prerendered (issue 22: its form paints before any script runs); React
// takes over its markup. Every other page, and every page the service worker serves, starts empty.
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
