import { z } from 'zod';

/** The one error shape of the API. `message` is written for a person and shown by the web app. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type FieldProblem = { field: string; message: string };
