import { z } from 'zod';
import { roles, trustWideRoles } from '../domain/people/roles.ts';
import { listQueryShape, pageFields } from './paging.ts';

export const personParamsSchema = z.object({
  personId: z.uuid({ error: 'A person id is a UUID, as given by GET /api/people.' }),
});

export const peopleQuerySchema = z.object(listQueryShape).strict();

const trustWide = z.enum(trustWideRoles as unknown as ['trust_admin', 'trust_leader']);

export const accountSchema = z.object({
  id: z.uuid(),
  fullName: z.string(),
  email: z.string(),
  /** Trust administrator, trust leader: the trust-wide roles only a trust admin gives. */
  trustRoles: z.array(trustWide),
  schools: z.array(z.object({ id: z.uuid(), name: z.string(), roles: z.array(z.enum(roles)) })),
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountPageSchema = z.object({ items: z.array(accountSchema), ...pageFields });
export type AccountPage = z.infer<typeof accountPageSchema>;

export const trustRolesRequestSchema = z
  .object({
    roles: z
      .array(trustWide)
      .max(2)
      .refine((rs) => new Set(rs).size === rs.length, { error: 'Each role may appear once.' }),
  })
  .strict();
export type TrustRolesRequest = z.infer<typeof trustRolesRequestSchema>;

export const accountChangeSchema = z.object({
  account: accountSchema,
  /** Future walks the person was taken off, whose planners were told to find another observer. */
  walksLeft: z.number().int(),
});
export type AccountChange = z.infer<typeof accountChangeSchema>;
