/** Secrets at rest live beside the database (db/secrets.ts), where mail also seals its links. */
export * from '../db/secrets.ts';
