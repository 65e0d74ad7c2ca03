import type { ColumnType } from 'kysely';

/** Column types shared by the tables. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A `date` column: read and written as 'YYYY-MM-DD' (see the type parser in db/connect.ts). */
export type DateOnly = string;
/** A JSON column: read as T, written as its JSON text. */
export type Json<T> = ColumnType<T, string, string>;
