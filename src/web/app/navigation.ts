import type { Me } from '../../contracts/auth.ts';
import type { Role } from '../../domain/people/roles.ts';

/**
 * The app's navigation, as one list (issue 21): a feature adds its page with one line. A path
 * with `:schoolId` is listed once for each school where the person has one of the roles (trust-
 * wide roles reach schools from the home page instead). The first entries a person has are the
 * phone's bottom bar; the rest are behind "Menu".
 */
export type NavEntry = { label: string; path: string; roles: readonly Role[] };

const staff: Role[] = ['school_leader', 'observer', 'teacher', 'site_manager'];
const teaching: Role[] = ['school_leader', 'observer', 'teacher'];
const everyone: Role[] = ['trust_admin', 'trust_leader', ...staff];

export const navigation: readonly NavEntry[] = [
  { label: 'Home', path: '/', roles: everyone },
  { label: 'My walks', path: '/capture', roles: ['observer', 'school_leader', 'trust_leader'] },
  { label: 'My visits', path: '/my-visits', roles: teaching },
  { label: 'My records', path: '/my-records', roles: teaching },
  { label: 'Insights', path: '/insights', roles: ['trust_admin', 'trust_leader'] },
  { label: 'Programmes', path: '/schools/:schoolId/programmes', roles: staff },
  { label: 'Debriefs', path: '/schools/:schoolId/debriefs', roles: ['school_leader'] },
  { label: 'Actions board', path: '/schools/:schoolId/actions', roles: ['school_leader'] },
  { label: 'My actions', path: '/my-actions', roles: staff },
  { label: 'Reviews', path: '/schools/:schoolId/reviews', roles: staff },
  { label: 'Practice library', path: '/schools/:schoolId/practice-library', roles: staff },
  {
    label: 'Self-evaluation',
    path: '/schools/:schoolId/self-evaluation',
    roles: ['school_leader'],
  },
  { label: 'Insights', path: '/schools/:schoolId/insights', roles: ['school_leader'] },
  {
    label: 'Staff summaries',
    path: '/schools/:schoolId/staff-summaries',
    roles: ['observer', 'teacher'],
  },
  { label: 'Foci', path: '/schools/:schoolId/foci', roles: ['school_leader'] },
  { label: 'School set-up', path: '/schools/:schoolId', roles: ['school_leader'] },
  { label: 'Rooms', path: '/schools/:schoolId/rooms', roles: ['site_manager'] },
  {
    label: 'Frameworks',
    path: '/frameworks',
    roles: ['trust_admin', 'trust_leader', 'school_leader'],
  },
  { label: 'People', path: '/people', roles: ['trust_admin'] },
  { label: 'Notices', path: '/notices', roles: everyone },
  { label: 'Mail outbox', path: '/outbox', roles: ['trust_admin', 'school_leader'] },
  // Site walks (issue 14): health and safety over places.
  {
    label: 'Site walks',
    path: '/schools/:schoolId/site-walks',
    roles: ['site_manager', 'school_leader'],
  },
  {
    label: 'Site safety',
    path: '/schools/:schoolId/site-safety',
    roles: ['site_manager', 'school_leader'],
  },
  {
    label: 'Site safety across schools',
    path: '/trust/site-safety',
    roles: ['trust_admin', 'trust_leader'],
  },
  { label: 'Observer training', path: '/training', roles: everyone },
  { label: 'Observer agreement', path: '/agreement', roles: everyone },
  { label: 'Walks across schools', path: '/walks-across-schools', roles: everyone },
  { label: 'Data protection', path: '/trust/data-protection', roles: ['trust_admin'] },
  { label: 'Audit log', path: '/trust/audit-log', roles: ['trust_admin'] },
  { label: 'Who read my records', path: '/my-records/readers', roles: teaching },
  // Issue 15: moderation sessions, beside training and agreement in the menu.
  { label: 'Moderation sessions', path: '/moderation', roles: everyone },
  // Peer walks (issue 15): your reflections on walks you observed, and those shared with you.
  { label: 'Reflections', path: '/reflections', roles: teaching },
];

export type NavLinkItem = { label: string; to: string };

/** How many entries the phone's bottom bar shows before "Menu". */
export const BOTTOM_BAR_SIZE = 3;

/** The person's links, in the list's order; school entries once per school, named when several. */
export function navFor(
  memberships: Me['memberships'],
  entries: readonly NavEntry[] = navigation,
): NavLinkItem[] {
  const out: NavLinkItem[] = [];
  for (const entry of entries) {
    if (!entry.path.includes(':schoolId')) {
      if (memberships.some((m) => entry.roles.includes(m.role))) {
        out.push({ label: entry.label, to: entry.path });
      }
      continue;
    }
    const schools = new Map<string, string>();
    for (const m of memberships) {
      if (m.schoolId && entry.roles.includes(m.role)) schools.set(m.schoolId, m.schoolName ?? '');
    }
    for (const [schoolId, name] of schools) {
      out.push({
        label: schools.size > 1 ? `${entry.label}, ${name}` : entry.label,
        to: entry.path.replace(':schoolId', schoolId),
      });
    }
  }
  // The same label and address twice (two roles giving one entry) shows once.
  return out.filter((l, i) => out.findIndex((x) => x.to === l.to) === i);
}
