export const roles = [
  'trust_admin',
  'trust_leader',
  'school_leader',
  'observer',
  'teacher',
  'site_manager',
] as const;

export type Role = (typeof roles)[number];

export const trustWideRoles: readonly Role[] = ['trust_admin', 'trust_leader'];

export type Membership = { role: Role; schoolId: string | null };

export const roleLabels: Record<Role, string> = {
  trust_admin: 'Trust administrator',
  trust_leader: 'Trust leader',
  school_leader: 'School leader',
  observer: 'Observer',
  teacher: 'Teacher',
  site_manager: 'Site or business manager',
};

/** The home page a person lands on: the widest view their roles give them. */
export type HomeKind = 'trust' | 'school' | 'site' | 'teaching';

const homeOrder: { kind: HomeKind; roles: Role[] }[] = [
  { kind: 'trust', roles: ['trust_admin', 'trust_leader'] },
  { kind: 'school', roles: ['school_leader'] },
  { kind: 'site', roles: ['site_manager'] },
  { kind: 'teaching', roles: ['observer', 'teacher'] },
];

export function homeKindFor(memberships: readonly Membership[]): HomeKind | null {
  for (const { kind, roles: wanted } of homeOrder) {
    if (memberships.some((m) => wanted.includes(m.role))) return kind;
  }
  return null;
}
