import type { ReactNode } from 'react';

/**
 * A wide table in a box that scrolls sideways on a phone (issue 21), so the page itself never
 * does. The box is a named region and takes keyboard focus, so it can be scrolled without a mouse.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
