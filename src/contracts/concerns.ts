import { z } from 'zod';
import { concernKinds, concernOutcomes, namedRoles } from '../domain/concerns/concerns.ts';

/**
 * Concerns about how walks are run (DESIGN.md rule 12). A concern is read only by the person who
 * raised it, their supporting line manager, and the person handling it (the head, or the trust's
 * named person); everyone else gets 404. Counts appear in the protocol report, never contents.
 */

const uuid = (what: string) => z.uuid({ error: `${what} is a UUID.` });

export const concernSchoolParamsSchema = z.object({
  schoolId: uuid('A school id'),
});
export const concernParamsSchema = z.object({
  concernId: z.uuid({ error: 'A concern id is a UUID, as given by the list of your concerns.' }),
});

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: `Write ${what}.` })
    .max(max, { error: `Keep ${what} to ${max.toLocaleString('en-GB')} characters.` });

export const raiseConcernSchema = z
  .object({
    kind: z.enum(concernKinds, { error: 'Choose what the concern is about.' }),
    summary: text('a short summary', 200),
    details: text('what happened and what you would like to change', 4000),
    /** The concern is about the headteacher: it goes to the trust's named person instead. */
    aboutHead: z.boolean().default(false),
    /** A colleague (usually the line manager) named as supporting; they are asked to confirm. */
    supporterId: uuid('A supporter id').nullish(),
    /** At most one thing the concern is about. */
    programmeId: uuid('A programme id').nullish(),
    walkId: uuid('A walk id').nullish(),
    visitId: uuid('A visit id').nullish(),
    recordId: uuid('A record id').nullish(),
  })
  .strict()
  .refine((v) => [v.programmeId, v.walkId, v.visitId, v.recordId].filter(Boolean).length <= 1, {
    error: 'Link the concern to one programme, walk, visit or record at most.',
    path: ['walkId'],
  });
export type RaiseConcernInput = z.infer<typeof raiseConcernSchema>;

export const supportConcernSchema = z.object({ confirm: z.boolean() }).strict();

export const answerConcernSchema = z
  .object({
    response: text('the answer', 4000),
    outcome: z.enum(concernOutcomes, { error: 'Choose the outcome.' }),
  })
  .strict();
export type AnswerConcernInput = z.infer<typeof answerConcernSchema>;

export const decideConcernSchema = z
  .object({
    decision: z.enum(['accept', 'escalate'], { error: 'Choose accept or escalate.' }),
    reason: z
      .string()
      .trim()
      .max(2000, { error: 'Keep the reason to 2,000 characters.' })
      .nullish()
      .transform((r) => (r ? r : null)),
  })
  .strict();
export type DecideConcernInput = z.infer<typeof decideConcernSchema>;

const personSchema = z.object({ id: z.uuid(), name: z.string() });

export const concernStageSchema = z.enum([
  'awaiting_acknowledgement',
  'acknowledged',
  'answered',
  'accepted',
  'escalated',
  'escalation_answered',
]);

export const concernSummarySchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  kind: z.enum(concernKinds),
  summary: z.string(),
  stage: concernStageSchema,
  stageLabel: z.string(),
  raisedOn: z.string(),
  acknowledgeBy: z.string(),
  overdue: z.boolean(),
  /** Your parts in it: raised it, supporting it, handling it, answering its escalation. */
  yourParts: z.array(z.enum(['raiser', 'supporter', 'handler', 'escalation'])),
});

export const concernDetailSchema = concernSummarySchema.extend({
  details: z.string(),
  aboutHead: z.boolean(),
  raisedBy: personSchema,
  handler: personSchema.nullable(),
  handlerRole: z.string(),
  supporter: personSchema.extend({ status: z.enum(['asked', 'confirmed', 'declined']) }).nullable(),
  link: z
    .object({
      kind: z.enum(['programme', 'walk', 'visit', 'record']),
      id: z.uuid(),
      label: z.string(),
    })
    .nullable(),
  acknowledgedOn: z.string().nullable(),
  answer: z
    .object({
      response: z.string(),
      outcome: z.enum(concernOutcomes),
      answeredAt: z.iso.datetime(),
    })
    .nullable(),
  decision: z
    .object({
      decision: z.enum(['accepted', 'escalated']),
      reason: z.string().nullable(),
      decidedAt: z.iso.datetime(),
    })
    .nullable(),
  escalatedTo: personSchema.nullable(),
  escalationAnswer: z
    .object({
      response: z.string(),
      outcome: z.enum(concernOutcomes),
      answeredAt: z.iso.datetime(),
    })
    .nullable(),
  can: z.object({
    support: z.boolean(),
    acknowledge: z.boolean(),
    answer: z.boolean(),
    decide: z.boolean(),
    answerEscalation: z.boolean(),
  }),
});
export type ConcernDetail = z.infer<typeof concernDetailSchema>;

export const concernListSchema = z.object({
  schoolName: z.string(),
  /** Who a concern goes to: the head (or null while none is named) and the trust's named person. */
  head: personSchema.nullable(),
  namedPerson: personSchema.extend({ role: z.enum(namedRoles), roleLabel: z.string() }).nullable(),
  acknowledgeSchoolDays: z.number().int(),
  /** Colleagues who may be named as supporting (the school's staff, yourself left out). */
  colleagues: z.array(personSchema),
  canRaise: z.boolean(),
  /** Trust administrators name the head and the school days to acknowledge. */
  canConfigure: z.boolean(),
  concerns: z.array(concernSummarySchema),
});
export type ConcernList = z.infer<typeof concernListSchema>;

export const schoolConcernSettingsSchema = z
  .object({
    headPersonId: uuid('A head id').nullable(),
    acknowledgeSchoolDays: z
      .number({ error: 'Give a number of school days.' })
      .int()
      .min(1, { error: 'Allow at least 1 school day.' })
      .max(30, { error: 'Allow at most 30 school days.' }),
  })
  .strict();
export type SchoolConcernSettingsInput = z.infer<typeof schoolConcernSettingsSchema>;

export const trustConcernSettingsSchema = z
  .object({
    namedPersonId: uuid('A person id').nullable(),
    namedRole: z.enum(namedRoles, { error: 'Choose chair of governors or trust leader.' }),
  })
  .strict();
export type TrustConcernSettingsInput = z.infer<typeof trustConcernSettingsSchema>;

export const trustConcernSettingsDtoSchema = z.object({
  namedPerson: personSchema.nullable(),
  namedRole: z.enum(namedRoles),
  /** People who may be named: the trust's leaders and administrators, and anyone already named. */
  candidates: z.array(personSchema),
});
export type TrustConcernSettingsDto = z.infer<typeof trustConcernSettingsDtoSchema>;
