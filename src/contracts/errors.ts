import { z } from 'zod';
import { errorCatalogue, errorCodes } from './error-codes.ts';

/** The machine code: one schema in the OpenAPI document (ErrorCode), listing what each means. */
export const errorCodeSchema = z.enum(errorCodes).meta({
  id: 'ErrorCode',
  description: `One of the error catalogue's codes (src/contracts/error-codes.ts): ${errorCodes
    .map((c) => `\`${c}\` (${errorCatalogue[c].status}) ${errorCatalogue[c].meaning}`)
    .join(' ')}`,
});

/** The one error shape of the API. `message` is written for a person and shown by the web app. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type FieldProblem = { field: string; message: string };
