import { z } from 'zod';
import { trustPulseSchema } from './reviews.ts';

/**
 * Insights (issue 8): the school's and the trust's aggregated picture. Nothing here carries a
 * teacher's name, id or a per-teacher figure; every figure either rests on at least k distinct
 * visited teachers or is suppressed with the reason.
 */

export const figureSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('shown'),
    /** Visits behind the figure. */
    n: z.number().int(),
    /** Share of visits with most or all pupils (prevalence) or "seen"; null for counts. */
    share: z.number().nullable(),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
    /** Mean per visit, for count look-fors. */
    mean: z.number().nullable(),
    counts: z.object({
      notSeen: z.number().int(),
      some: z.number().int(),
      most: z.number().int(),
      all: z.number().int(),
      seen: z.number().int(),
    }),
  }),
  z.object({ status: z.literal('suppressed'), reason: z.string() }),
  z.object({ status: z.literal('empty') }),
]);
export type Figure = z.infer<typeof figureSchema>;

export const heatCellSchema = z.object({
  row: z.string(),
  column: z.string(),
  status: z.enum(['shown', 'suppressed', 'empty']),
  visits: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type HeatCell = z.infer<typeof heatCellSchema>;

export const heatmapSchema = z.object({
  title: z.string(),
  rowLabel: z.string(),
  columnLabel: z.string(),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(heatCellSchema),
  rowTotals: z.array(heatCellSchema),
  columnTotals: z.array(heatCellSchema),
  note: z.string().nullable(),
});
export type Heatmap = z.infer<typeof heatmapSchema>;

export const groupFigureSchema = z.object({
  key: z.string(),
  label: z.string(),
  figure: figureSchema,
});

export const lookForInsightSchema = z.object({
  /** The look-for's key in the current version. */
  key: z.string(),
  lensKey: z.string(),
  prompt: z.string(),
  kind: z.enum(['prevalence', 'seen', 'count']),
  figure: figureSchema,
  /** One point per walk, evidence under earlier versions joined through continuity. */
  trend: z.array(groupFigureSchema),
  /** Drill-down, stopping at the threshold. */
  byDepartment: z.array(groupFigureSchema),
  byYearGroup: z.array(groupFigureSchema),
});
export type LookForInsight = z.infer<typeof lookForInsightSchema>;

export const lensInsightSchema = z.object({
  key: z.string(),
  name: z.string(),
  figure: figureSchema,
});

export const themeSchema = z.object({
  phrase: z.string(),
  visits: z.number().int(),
  quotes: z.array(z.string()),
});

export const coverageBandSchema = z.object({ label: z.string(), teachers: z.number().int() });

export const frameworkRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  versionNo: z.number().int(),
});

export const termOptionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});

export const schoolInsightsQuerySchema = z.object({
  termId: z.uuid({ error: 'termId is a term id of this school, from its calendar.' }).optional(),
  frameworkId: z.uuid({ error: 'frameworkId is a framework id of the trust.' }).optional(),
});
export type SchoolInsightsQuery = z.infer<typeof schoolInsightsQuerySchema>;

export const schoolInsightsSchema = z.object({
  school: z.object({ id: z.uuid(), name: z.string(), phase: z.string() }),
  k: z.number().int(),
  terms: z.array(termOptionSchema),
  termId: z.uuid().nullable(),
  frameworks: z.array(frameworkRefSchema),
  framework: frameworkRefSchema.nullable(),
  visits: z.number().int(),
  lenses: z.array(lensInsightSchema),
  lookFors: z.array(lookForInsightSchema),
  coverage: z.object({
    departmentsByYearGroup: heatmapSchema,
    daysByPeriod: heatmapSchema,
    againstCap: z.discriminatedUnion('status', [
      z.object({
        status: z.literal('shown'),
        cap: z.number().int(),
        bands: z.array(coverageBandSchema),
        note: z.string().nullable(),
      }),
      z.object({ status: z.literal('suppressed'), cap: z.number().int(), reason: z.string() }),
    ]),
  }),
  themes: z.object({
    notes: z.array(themeSchema),
    studentVoice: z.array(themeSchema),
    quotesLeftOut: z.number().int(),
  }),
  brightSpots: z.array(
    z.object({
      key: z.string(),
      prompt: z.string(),
      share: z.number(),
      lower: z.number(),
      n: z.number().int(),
    }),
  ),
  actions: z.object({
    todo: z.number().int(),
    doing: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
    titles: z.array(z.object({ title: z.string(), status: z.string(), dueOn: z.string() })),
  }),
});
export type SchoolInsights = z.infer<typeof schoolInsightsSchema>;

export const trustInsightsQuerySchema = z.object({
  phase: z
    .enum(['primary', 'secondary', 'all_through', 'special', 'alternative'], {
      error: 'phase is one of primary, secondary, all_through, special, alternative.',
    })
    .optional(),
  department: z.string().min(1).max(100).optional(),
  /** A term of any school: schools' terms with the same name are taken together. */
  termId: z.uuid({ error: 'termId is a term id from the filter list.' }).optional(),
  frameworkId: z.uuid({ error: 'frameworkId is a framework id of the trust.' }).optional(),
});
export type TrustInsightsQuery = z.infer<typeof trustInsightsQuerySchema>;

export const schoolFigureSchema = z.object({ schoolId: z.uuid(), figure: figureSchema });

export const trustInsightsSchema = z.object({
  k: z.number().int(),
  filters: z.object({
    phases: z.array(z.string()),
    departments: z.array(z.string()),
    terms: z.array(z.object({ id: z.uuid(), name: z.string() })),
    frameworks: z.array(frameworkRefSchema),
  }),
  applied: z.object({
    phase: z.string().nullable(),
    department: z.string().nullable(),
    termName: z.string().nullable(),
  }),
  framework: frameworkRefSchema.nullable(),
  schools: z.array(z.object({ id: z.uuid(), name: z.string(), phase: z.string() })),
  lenses: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      trust: figureSchema,
      schools: z.array(schoolFigureSchema),
    }),
  ),
  lookFors: z.array(
    z.object({
      key: z.string(),
      lensKey: z.string(),
      prompt: z.string(),
      kind: z.enum(['prevalence', 'seen', 'count']),
      trust: figureSchema,
      schools: z.array(schoolFigureSchema),
    }),
  ),
  support: z.array(
    z.object({
      schoolId: z.uuid(),
      schoolName: z.string(),
      lookForKey: z.string(),
      prompt: z.string(),
      school: z.object({
        share: z.number(),
        lower: z.number(),
        upper: z.number(),
        n: z.number().int(),
      }),
      restOfTrust: z.object({
        share: z.number(),
        lower: z.number(),
        upper: z.number(),
        n: z.number().int(),
      }),
    }),
  ),
  culture: z.array(
    z.object({
      schoolId: z.uuid(),
      schoolName: z.string(),
      walksPlanned: z.number().int(),
      walksDone: z.number().int(),
      visitsWithNotice: z.number().int(),
      visitsNeedingNotice: z.number().int(),
      /** Share of visited teachers who responded to a record; null when suppressed. */
      responses: z
        .object({ visitsResponded: z.number().int(), visitsRecorded: z.number().int() })
        .nullable(),
      responsesNote: z.string().nullable(),
    }),
  ),
  /** Each school's latest closed review pulse (more, the same or fewer walks), suppressed below k. */
  pulse: trustPulseSchema,
});
export type TrustInsights = z.infer<typeof trustInsightsSchema>;

export const schoolCsvTables = [
  'lenses',
  'look-fors',
  'trend',
  'departments',
  'year-groups',
  'coverage-departments',
  'coverage-days',
  'coverage-cap',
] as const;
export const trustCsvTables = ['lenses', 'look-fors', 'support', 'culture', 'pulse'] as const;

export const schoolCsvQuerySchema = schoolInsightsQuerySchema.extend({
  table: z.enum(schoolCsvTables, { error: `table is one of ${schoolCsvTables.join(', ')}.` }),
});
export const trustCsvQuerySchema = trustInsightsQuerySchema.extend({
  table: z.enum(trustCsvTables, { error: `table is one of ${trustCsvTables.join(', ')}.` }),
});
