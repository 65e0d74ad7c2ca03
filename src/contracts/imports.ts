import { z } from 'zod';
import { importKinds } from '../domain/imports/types.ts';
import { schoolParamsSchema } from './schools.ts';

/** Importing staff, rooms and the timetable from CSV or XLSX (see docs/imports.md). */
export const importKindSchema = z.enum(importKinds, {
  error: 'The kind of import is staff, rooms or timetable.',
});

export const importParamsSchema = schoolParamsSchema.extend({ kind: importKindSchema });

/** 20 MB of base64 is about 15 MB of file: far more than a whole school's timetable. */
export const MAX_UPLOAD_BASE64 = 20_000_000;

export const mappingSchema = z.record(z.string().max(40), z.string().max(200).nullable());

export const importRequestSchema = z
  .object({
    fileName: z.string().min(1, { error: 'Give the file’s name.' }).max(200),
    contentBase64: z
      .string()
      .min(1, { error: 'The file is empty.' })
      .max(MAX_UPLOAD_BASE64, { error: 'The file is larger than 15 MB. Split it.' }),
    /** Our field → the file's heading; null: leave it out. Missing fields are matched automatically. */
    mapping: mappingSchema.optional(),
    /** Apply only: required when the import would remove things. */
    confirmRemovals: z.boolean().optional(),
  })
  .strict();
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const problemSchema = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ProblemDto = z.infer<typeof problemSchema>;

export const changeItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  row: z.number().int().optional(),
  changes: z.array(z.string()).optional(),
  reason: z.string().optional(),
});

export const diffCountsSchema = z.object({
  adds: z.number().int(),
  updates: z.number().int(),
  unchanged: z.number().int(),
  removals: z.number().int(),
  kept: z.number().int(),
});

export const diffSchema = z.object({
  counts: diffCountsSchema,
  adds: z.array(changeItemSchema),
  updates: z.array(changeItemSchema),
  removals: z.array(changeItemSchema),
  kept: z.array(changeItemSchema),
  newDepartments: z.array(z.string()),
  newYearGroups: z.array(z.string()),
});
export type DiffDto = z.infer<typeof diffSchema>;

export const fieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  hint: z.string(),
});

export const previewSchema = z.object({
  kind: importKindSchema,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** Refused whole: the file looks like it holds pupil data. */
  refused: z.boolean(),
  headingRow: z.number().int(),
  headings: z.array(z.string()),
  fields: z.array(fieldSchema),
  mapping: z.record(z.string(), z.string().nullable()),
  ignoredHeadings: z.array(z.string()),
  /** The first problems (up to 1,000) in row order; problemCount has them all. */
  problems: z.array(problemSchema),
  problemCount: z.number().int(),
  rowCount: z.number().int(),
  understood: z.number().int(),
  preview: z.object({
    columns: z.array(z.string()),
    rows: z.array(z.object({ row: z.number().int(), values: z.array(z.string()) })),
  }),
  diff: diffSchema.nullable(),
  /** No problems: apply would succeed (with confirmRemovals when removals > 0). */
  canApply: z.boolean(),
  needsConfirmation: z.boolean(),
});
export type ImportPreview = z.infer<typeof previewSchema>;

export const applyResultSchema = z.object({
  kind: importKindSchema,
  fileName: z.string(),
  /** false when the file matched what the school has: nothing was written. */
  changed: z.boolean(),
  counts: diffCountsSchema,
  newDepartments: z.array(z.string()),
  newYearGroups: z.array(z.string()),
  message: z.string(),
});
export type ImportApplyResult = z.infer<typeof applyResultSchema>;

/** One line of the NDJSON progress stream (Accept: application/x-ndjson). */
export type ImportProgressLine =
  | { type: 'progress'; phase: string; message: string; done?: number; total?: number }
  | { type: 'result'; status: number; body: unknown };

export const sampleParamsSchema = importParamsSchema;
export const sampleQuerySchema = z.object({
  /** csv and xlsx download a file; json answers with the same table as data. */
  format: z
    .enum(['csv', 'xlsx', 'json'], { error: 'The format is csv, xlsx or json.' })
    .default('csv'),
});

export const sampleTableSchema = z.object({
  fileName: z.string(),
  headings: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number()]))),
});
