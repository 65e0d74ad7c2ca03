import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { AppRoutes } from './App.tsx';
import { newQueryClient, Root } from './Root.tsx';

/**
 * The HTML of a page as it first renders, signed out and before any answer from the server: the
 * build writes it into the page's shell (build/prerender.ts). Only pages whose first render needs
 * no data are prerendered: today, sign-in.
 */
export function prerender(path: string): string {
  return renderToString(
    <Root client={newQueryClient()}>
      <StaticRouter location={path}>
        <AppRoutes />
      </StaticRouter>
    </Root>,
  );
}
