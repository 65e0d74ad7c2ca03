import type { ErrorCode } from '../../contracts/error-codes.ts';
/**
 * What each table and unique rule of the database means to a person, so that a write the
 * database refuses (two people saving at once, a race the services' own checks cannot see)
 * answers with a code and a sentence instead of a 500. `constraints.test.ts` compares these
 * tables with the database catalogue: a new table or a new unique rule fails it until it is
 * named here.
 */

/** Every table, as a person would name one row of it. */
export const tableNouns: Record<string, string> = {
  audit_events: 'audit event',
  auth_identities: 'sign-in identity',
  calendar_feeds: 'calendar feed',
  concerns: 'concern',
  credentials: 'password',
  debrief_next_steps: 'next step',
  debrief_participants: 'debrief participant',
  debrief_walks: 'walk in the debrief',
  debriefs: 'debrief',
  deleted_trusts: 'record of a deleted trust',
  feedback_conversations: 'feedback conversation',
  departments: 'department',
  foci: 'focus',
  focus_look_fors: 'look-for in the focus',
  focus_school_look_fors: 'school look-for in the focus',
  framework_lenses: 'lens',
  framework_look_fors: 'look-for',
  framework_versions: 'framework version',
  frameworks: 'framework',
  improvement_priorities: 'improvement-plan priority',
  insights_cell_teachers: 'dashboard figure',
  insights_cells: 'dashboard figure',
  insights_stale_visits: 'dashboard update',
  insights_visit_contributions: 'dashboard figure',
  insights_walk_facts: 'dashboard figure',
  lesson_co_teachers: 'co-teacher',
  lessons: 'lesson',
  mail_outbox: 'mail',
  memberships: 'role',
  mfa_challenges: 'sign-in code step',
  mfa_enrolments: 'two-step sign-in set-up',
  mfa_recovery_codes: 'recovery code',
  notices: 'notice',
  people: 'person',
  periods: 'period',
  practice_examples: 'practice example',
  programme_amendments: 'amendment to the programme',
  programme_anonymous_commenters: 'anonymous comment',
  programme_comments: 'consultation comment',
  programme_planned_walks: 'planned walk',
  programmes: 'programme',
  record_flags: 'factual-error flag',
  record_hand_in_notices: 'hand-in notice',
  record_photos: 'photo',
  record_versions: 'record version',
  records: 'record',
  retention_runs: 'retention run',
  review_pulse_answers: 'pulse answer',
  review_pulse_respondents: 'pulse answer',
  review_due_reminders: 'review reminder',
  reviews: 'review',
  rooms: 'room',
  school_actions: 'action',
  school_closures: 'closure',
  school_concern_settings: 'concern setting',
  school_look_fors: 'school look-for',
  school_protocol_settings: 'protocol setting',
  school_terms: 'term',
  schools: 'school',
  security_settings: 'security setting',
  self_evaluation_ratings: 'self-evaluation rating',
  self_evaluations: 'self-evaluation',
  sessions: 'session',
  sign_in_links: 'sign-in link',
  sso_domains: 'single sign-on domain',
  sso_logins: 'single sign-on attempt',
  sso_providers: 'single sign-on provider',
  staff_departments: 'department of a member of staff',
  staff_profiles: 'staff profile',
  trust_concern_settings: 'concern setting',
  trusts: 'trust',
  trust_retention_settings: 'retention setting',
  visit_co_teachers: 'co-teacher of a visit',
  visit_coach_shares: 'record shared with a coach',
  visit_reflections: 'reflection',
  visit_responses: 'response',
  visits: 'visit',
  walk_departments: 'department of a walk',
  walk_invitations: 'open-door invitation',
  walk_observers: 'observer of a walk',
  walk_planning: 'planning answer of a walk',
  walk_year_groups: 'year group of a walk',
  walks: 'walk',
  year_groups: 'year group',
  site_walks: 'site walk',
  site_walk_places: 'place on the site walk',
  site_walk_guests: 'guest on the site walk',
  site_actions: 'site action',
  site_findings: 'site finding',
  site_photos: 'site photo',
  site_alerts: 'urgent site alert',
  site_inspection_schedules: 'inspection schedule',
  training_rules: 'training rule',
  training_completions: 'completed training module',
  practice_scenes: 'practice scene',
  practice_attempts: 'practice scene attempt',
  networks: 'network',
  network_members: 'member of the network',
  visiting_walks: 'walk across schools',
  visiting_walk_observers: 'visiting observer',
  moderation_sessions: 'moderation session',
  moderation_participants: 'participant of the moderation session',
  moderation_scenes: 'scene of the moderation session',
  moderation_pairs: 'paired record of the moderation session',
  moderation_readings: 'reading in the moderation session',
  moderation_agreed_readings: 'agreed reading',
  agreement_flags: 'low agreement flag',
  peer_observers: 'peer observer',
  walk_reflections: 'reflection on a walk',
  reflection_ideas: 'idea to try',
};

export type UniqueMeaning = { code: ErrorCode; message: string };

const exists = (what: string): UniqueMeaning => ({
  code: 'already_exists',
  message: `That ${what} already exists: it was probably saved a moment ago. Reload the page and check.`,
});

/**
 * Every unique constraint and unique index (primary keys are read from `tableNouns`).
 * Keys made of generated ids only guard foreign keys: they are named with `exists`.
 */
export const uniqueMeanings: Record<string, UniqueMeaning> = {
  auth_identities_trust_id_person_id_key: exists('sign-in identity'),
  calendar_feeds_one_live: {
    code: 'feed_changed',
    message:
      'Your calendar address was changed at the same moment elsewhere. Reload the page to see the live one.',
  },
  calendar_feeds_trust_id_token_hash_key: exists('calendar feed'),
  debrief_next_steps_trust_id_debrief_id_step_id_key: exists('next step'),
  debriefs_trust_id_school_id_debrief_id_key: exists('debrief'),
  departments_school_department: exists('department'),
  departments_trust_id_school_id_name_key: {
    code: 'name_taken',
    message: 'This school already has a department with that name. Choose another name.',
  },
  foci_trust_id_school_id_focus_id_key: exists('focus'),
  framework_lenses_trust_id_version_id_key_key: {
    code: 'key_taken',
    message: 'Another lens in this version already has that key. Each key is used once.',
  },
  framework_lenses_trust_id_version_id_lens_id_key: exists('lens'),
  framework_look_fors_trust_id_version_id_key_key: {
    code: 'key_taken',
    message: 'Another look-for in this version already has that key. Each key is used once.',
  },
  framework_versions_one_draft: {
    code: 'draft_exists',
    message: 'This framework already has a draft version. Open it and carry on there.',
  },
  framework_versions_trust_id_framework_id_version_no_key: {
    code: 'version_taken',
    message:
      'Someone else made a new version of this framework at the same moment. Reload the page.',
  },
  frameworks_trust_id_name_key: {
    code: 'name_taken',
    message: 'The trust already has a framework with that name. Choose another name.',
  },
  improvement_priorities_title: {
    code: 'name_taken',
    message: 'The improvement plan already has a priority with that title. Choose another title.',
  },
  improvement_priorities_trust_id_school_id_priority_id_key: exists('priority'),
  insights_cells_trust_id_school_id_grain_term_key_framework__key: {
    code: 'try_again',
    message: 'The dashboards were being updated at the same moment. Try again.',
  },
  lessons_class_slot: {
    code: 'slot_taken',
    message: 'That class already has a lesson in that period. Choose another period or class.',
  },
  lessons_trust_id_room_id_cycle_week_weekday_period_id_key: {
    code: 'slot_taken',
    message: 'That room already has a lesson in that period. Choose another room or period.',
  },
  lessons_trust_id_teacher_id_cycle_week_weekday_period_id_key: {
    code: 'slot_taken',
    message:
      'That teacher already teaches a lesson in that period. Choose another teacher or period.',
  },
  memberships_trust_id_person_id_school_id_role_key: {
    code: 'role_exists',
    message: 'That person already has that role there.',
  },
  people_trust_id_email_key: {
    code: 'email_taken',
    message: 'Someone in the trust already has that email address.',
  },
  periods_trust_id_school_id_ordinal_key: {
    code: 'period_taken',
    message:
      'Another period of the day is already in that place. Reload the page and check the order.',
  },
  programme_amendments_trust_id_programme_id_amendment_id_key: exists('amendment'),
  programmes_trust_id_school_id_programme_id_key: exists('programme'),
  records_trust_id_visit_id_observer_id_key: {
    code: 'record_exists',
    message: 'You already have a record for this visit. Open it and carry on there.',
  },
  reviews_one_open: {
    code: 'review_open',
    message: 'This school already has a review open. Close it before opening another.',
  },
  reviews_trust_id_school_id_review_id_key: exists('review'),
  self_evaluations_one_open: {
    code: 'self_evaluation_open',
    message:
      'This school already has a self-evaluation in progress. Finish it before starting another.',
  },
  self_evaluations_trust_id_school_id_self_evaluation_id_key: exists('self-evaluation'),
  rooms_trust_id_school_id_name_key: {
    code: 'name_taken',
    message: 'This school already has a room with that name. Choose another name.',
  },
  school_look_fors_trust_id_school_id_school_look_for_id_key: exists('school look-for'),
  school_terms_trust_id_school_id_name_key: {
    code: 'name_taken',
    message: 'This school already has a term with that name. Choose another name.',
  },
  schools_trust_id_name_key: {
    code: 'name_taken',
    message: 'The trust already has a school with that name. Choose another name.',
  },
  sessions_trust_id_token_hash_key: exists('session'),
  sign_in_links_trust_id_token_hash_key: exists('sign-in link'),
  staff_profiles_trust_id_school_id_staff_code_key: {
    code: 'staff_code_taken',
    message: 'Another member of staff at this school already has that staff code.',
  },
  trusts_trust_id_slug_key: exists('trust'),
  retention_runs_trust_id_ran_on_key: exists('retention run'),
  visits_lesson_once_per_walk: {
    code: 'lesson_already_visited',
    message:
      'That lesson is already visited on this walk: it was added a moment ago. Reload the walk.',
  },
  visits_one_per_teacher_per_day: {
    code: 'teacher_visited_that_day',
    message:
      'That teacher already has a visit planned that day, and nobody is visited twice in a day. Choose another day or lesson.',
  },
  walks_planned_walk_once: {
    code: 'planned_walk_taken',
    message:
      'Another walk already carries out that planned walk from the programme. Choose another planned walk, or record why this walk is outside the plan.',
  },
  walks_trust_id_school_id_walk_id_key: exists('walk'),
  year_groups_school_year_group: exists('year group'),
  year_groups_trust_id_school_id_name_key: {
    code: 'name_taken',
    message: 'This school already has a year group with that name. Choose another name.',
  },
  site_walk_guests_trust_id_link_hash_key: exists('guest link'),
  site_walk_guests_trust_id_session_hash_key: exists('guest session'),
  site_actions_one_open: {
    code: 'site_action_open',
    message:
      'That place already has an open action for this checklist item: it was raised a moment ago. Reload and merge the finding into it.',
  },
  site_walks_one_per_scheduled_date: {
    code: 'already_exists',
    message: 'The schedule already has a walk on that date. Reload the schedule.',
  },
  training_rules_one_per_scope: {
    code: 'already_exists',
    message: 'Training is already required here: the rule was probably turned on a moment ago.',
  },
  networks_trust_id_name_key: {
    code: 'name_taken',
    message: 'The trust already has a network with that name. Choose another name.',
  },
  agreement_flags_one_open: {
    code: 'already_exists',
    message: 'That look-for is already flagged as needing clearer guidance.',
  },
  walk_reflections_trust_id_walk_id_author_id_key: {
    code: 'already_exists',
    message:
      'You already have a reflection on this walk: it was probably saved a moment ago. Reload the page.',
  },
};
