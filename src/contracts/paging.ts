import { z } from 'zod';

/** ?q=&page=&pageSize= for every searchable list of set-up data; pages start at 1. */
export const listQueryShape = {
  q: z.string().trim().max(100, { error: 'A search can be at most 100 characters.' }).default(''),
  page: z.coerce
    .number({ error: 'page is a whole number, starting at 1.' })
    .int({ error: 'page is a whole number, starting at 1.' })
    .min(1, { error: 'page is a whole number, starting at 1.' })
    .max(1_000_000)
    .default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize is a whole number from 1 to 200.' })
    .int({ error: 'pageSize is a whole number from 1 to 200.' })
    .min(1, { error: 'pageSize is a whole number from 1 to 200.' })
    .max(200, { error: 'pageSize is a whole number from 1 to 200.' })
    .default(50),
};

export const listQuerySchema = z.object(listQueryShape).strict();
export type ListQuery = z.infer<typeof listQuerySchema>;

export const pageFields = {
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
