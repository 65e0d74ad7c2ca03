import type { Migration } from 'kysely/migration';
import { foundation } from './0001_foundation.ts';
import { frameworks } from './0002_frameworks.ts';
import { mailAndSignInLinks } from './0003_mail_and_sign_in_links.ts';
import { schoolSetup } from './0004_school_setup.ts';
import { setupLists } from './0005_setup_lists.ts';
import { importDeferrableSlots } from './0006_import_deferrable_slots.ts';
import { programmesAndWalks } from './0007_programmes_and_walks.ts';
import { records } from './0008_records.ts';
import { noticesAndFeeds } from './0009_notices_and_feeds.ts';
import { walkFilters } from './0010_walk_filters.ts';
import { afterTheWalk } from './0011_after_the_walk.ts';
import { insightsRollups } from './0012_insights_rollups.ts';
import { afterTheWalkNotices } from './0013_after_the_walk_notices.ts';
import { insightsAllTerms } from './0014_insights_all_terms.ts';
import { reviews } from './0015_reviews.ts';
import { accountsAndCredentials } from './0016_accounts_and_credentials.ts';
import { consultationAndReviews } from './0019_consultation_and_reviews.ts';
import { trustSetUp } from './0020_trust_set_up.ts';
import { singleSignOnAndMfa } from './0021_single_sign_on_and_mfa.ts';
import { noticesAndTightFoci } from './0022_notices_and_tight_foci.ts';
import { searchTrigrams } from './0024_search_trigrams.ts';
import { concerns } from './0025_concerns.ts';
import { selfEvaluation } from './0029_self_evaluation.ts';
import { walkPlanning } from './0030_walk_planning.ts';
import { feedbackAndPractice } from './0031_feedback_and_practice.ts';
import { siteEstate } from './0032_site_estate.ts';
import { siteWalks } from './0033_site_walks.ts';
import { siteInspectionSchedules } from './0034_site_inspection_schedules.ts';
import { observerTraining } from './0035_observer_training.ts';
import { walksAcrossSchools } from './0036_walks_across_schools.ts';
import { mailDeliveryQueue } from './0038_mail_delivery_queue.ts';
import { readiness } from './0039_readiness.ts';
import { retention } from './0040_retention.ts';
import { trustDeletion } from './0041_trust_deletion.ts';
import { moderationSessions } from './0042_moderation_sessions.ts';
import { peerWalks } from './0043_peer_walks.ts';
import { observerNotices } from './0044_observer_notices.ts';
import { walkListIndex } from './0045_walk_list_index.ts';

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
    '0005_setup_lists': setupLists(context),
    '0006_import_deferrable_slots': importDeferrableSlots(context),
    '0007_programmes_and_walks': programmesAndWalks(context),
    '0008_records': records(context),
    '0009_notices_and_feeds': noticesAndFeeds(context),
    '0010_walk_filters': walkFilters(context),
    '0011_after_the_walk': afterTheWalk(context),
    '0012_insights_rollups': insightsRollups(context),
    '0013_after_the_walk_notices': afterTheWalkNotices(),
    '0014_insights_all_terms': insightsAllTerms(context),
    '0015_reviews': reviews(context),
    '0016_accounts_and_credentials': accountsAndCredentials(),
    '0019_consultation_and_reviews': consultationAndReviews(context),
    '0020_trust_set_up': trustSetUp(),
    '0021_single_sign_on_and_mfa': singleSignOnAndMfa(context),
    '0022_notices_and_tight_foci': noticesAndTightFoci(),
    // Issue 22: trigram indexes for the set-up searches, where pg_trgm exists.
    '0024_search_trigrams': searchTrigrams(),
    '0025_concerns': concerns(context),
    '0029_self_evaluation': selfEvaluation(context),
    '0030_walk_planning': walkPlanning(context),
    '0031_feedback_and_practice': feedbackAndPractice(context),
    // Issue 14: site walks.
    '0032_site_estate': siteEstate(),
    '0033_site_walks': siteWalks(context),
    '0034_site_inspection_schedules': siteInspectionSchedules(context),
    // Issue 15: observer training, walks across schools.
    '0035_observer_training': observerTraining(context),
    '0036_walks_across_schools': walksAcrossSchools(context),
    // Issue 17: the outbox row is the mail's delivery job (attempts, backoff, claims).
    '0038_mail_delivery_queue': mailDeliveryQueue(),
    '0039_readiness': readiness(context),
    // Issue 17: retention settings, nightly runs, erased records.
    '0040_retention': retention(context),
    // Issue 17: the record of a deleted trust; forgetting its audit trail.
    '0041_trust_deletion': trustDeletion(context),
    // Issue 15: moderation sessions (scenes recorded together, anonymised pairs, agreed readings).
    '0042_moderation_sessions': moderationSessions(context),
    // Issue 15: peer observers, private reflections, ideas colleagues took away.
    '0043_peer_walks': peerWalks(context),
    // Issue 15: low agreement flagged to the framework's owners; notices of walks across schools.
    '0044_observer_notices': observerNotices(context),
    // Issue 22: a school's walk list read from one index in list order.
    '0045_walk_list_index': walkListIndex(),
  };
}
