import { z } from 'zod';
import { staffCodeProblem } from '../domain/setup/staff.ts';
import { listQueryShape, pageFields } from './paging.ts';

export const schoolRoles = ['school_leader', 'observer', 'teacher', 'site_manager'] as const;
export type SchoolRole = (typeof schoolRoles)[number];

export const staffParamsSchema = z.object({
  schoolId: z.uuid({ error: 'A school id is a UUID, as given by GET /api/schools.' }),
  personId: z.uuid({ error: 'A person id is a UUID, as given by the staff list.' }),
});

export const staffMemberSchema = z.object({
  id: z.uuid(),
  fullName: z.string(),
  title: z.string().nullable(),
  email: z.string(),
  roles: z.array(z.string()),
  staffCode: z.string().nullable(),
  departments: z.array(z.object({ id: z.uuid(), name: z.string() })),
  coach: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const staffListQuerySchema = z.object(listQueryShape).strict();

export const staffPageSchema = z.object({
  items: z.array(staffMemberSchema),
  ...pageFields,
  /** The same items under the list's earlier name, for callers written before paging. */
  staff: z.array(staffMemberSchema),
});
export type StaffPage = z.infer<typeof staffPageSchema>;

export const staffInputSchema = z
  .object({
    fullName: z
      .string()
      .trim()
      .min(1, { error: 'Enter the person’s name.' })
      .max(200, { error: 'A name can be at most 200 characters.' }),
    email: z
      .email({ error: 'Enter an email address, like name@school.org.uk.' })
      .max(320)
      .transform((e) => e.trim().toLowerCase()),
    title: z
      .string()
      .trim()
      .max(20, { error: 'A title (Ms, Mr, Dr…) can be at most 20 characters.' })
      .nullable()
      .default(null)
      .transform((t) => (t ? t : null)),
    roles: z
      .array(
        z.enum(schoolRoles, {
          error: 'Roles at a school: school_leader, observer, teacher, site_manager.',
        }),
      )
      .min(1, { error: 'Choose at least one role at the school.' })
      .refine((rs) => new Set(rs).size === rs.length, { error: 'Each role may appear once.' }),
    departmentIds: z
      .array(z.uuid({ error: 'A department id is a UUID, as given by GET /api/schools/{id}.' }))
      .max(50)
      .default([]),
    staffCode: z
      .string()
      .trim()
      .nullable()
      .default(null)
      .transform((c) => (c ? c : null))
      .superRefine((code, ctx) => {
        const problem = code === null ? null : staffCodeProblem(code);
        if (problem) ctx.addIssue({ code: 'custom', message: problem.message });
      }),
    coachId: z
      .uuid({ error: 'A coach is named by their person id, from the staff list.' })
      .nullable()
      .default(null),
  })
  .strict();
export type StaffInput = z.infer<typeof staffInputSchema>;
export type StaffInputRaw = z.input<typeof staffInputSchema>;

export const staffMemberResponseSchema = z.object({ member: staffMemberSchema });
