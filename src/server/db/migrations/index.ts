import type { Migration } from 'kysely/migration';
import { foundation } from './0001_foundation.ts';
import { frameworks } from './0002_frameworks.ts';
import { mailAndSignInLinks } from './0003_mail_and_sign_in_links.ts';
import { schoolSetup } from './0004_school_setup.ts';

export type MigrationContext = { appRole: string };

/**
 * Append-only. A migration, once on main, is never edited: add a new one.
 * Names sort in the order they run.
 */
export function migrations(context: MigrationContext): Record<string, Migration> {
  return {
    '0001_foundation': foundation(context),
    '0002_frameworks': frameworks(context),
    '0003_mail_and_sign_in_links': mailAndSignInLinks(context),
    '0004_school_setup': schoolSetup(context),
  };
}
