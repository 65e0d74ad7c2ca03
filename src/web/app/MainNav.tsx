import { useEffect, useId, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useSession } from '../lib/session.tsx';
import { BOTTOM_BAR_SIZE, navFor } from './navigation.ts';

/**
 * The persistent navigation (issue 21), from the one list in navigation.ts: a bar under the
 * header on a wide screen; on a phone, a bottom bar of the person's first pages and "Menu",
 * which opens the whole list.
 */
export function MainNav() {
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const listId = useId();
  // Following a link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page.
  useEffect(() => setOpen(false), [location.pathname]);
  if (!me) return null;
  const links = navFor(me.memberships);
  const quick = links.slice(0, BOTTOM_BAR_SIZE + 1);
  return (
    <>
      <nav aria-label="Main" className={`main-nav${open ? ' open' : ''}`}>
        <ul id={listId}>
          {links.map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} end>
                {l.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Quick" className="bottom-bar">
        <ul>
          {quick.map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} end>
                {l.label}
              </NavLink>
            </li>
          ))}
          <li>
            <button
              type="button"
              aria-expanded={open}
              aria-controls={listId}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? 'Close menu' : 'Menu'}
            </button>
          </li>
        </ul>
      </nav>
    </>
  );
}
