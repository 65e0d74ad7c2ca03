/**
 * Every machine code the API answers with: its HTTP status, and a line on what it means. The
 * server takes an error's status from here (one code, one status everywhere), the OpenAPI
 * document lists the codes, and the web app and the offline outbox switch on `ErrorCode`, so a
 * misspelt code is a type error, not a silent fall-through.
 */
type Entry = {
  status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 431 | 500 | 503;
  meaning: string;
};

export const errorCatalogue = {
  // The request itself
  validation_failed: {
    status: 400,
    meaning: 'A field is missing or not valid; details lists each field.',
  },
  invalid_json: { status: 400, meaning: 'The body is not valid JSON.' },
  bad_request: { status: 400, meaning: 'The request could not be understood as sent.' },
  malformed_request: { status: 400, meaning: "Node's HTTP parser could not read the request." },
  control_character: {
    status: 400,
    meaning: 'A text field holds a control character; details names it.',
  },
  invalid_value: {
    status: 400,
    meaning: 'A value could not be stored (malformed, out of range or too long).',
  },
  value_not_allowed: {
    status: 422,
    meaning: 'A value is outside what the database allows (too long, empty, out of range).',
  },
  dates_missing: { status: 400, meaning: 'A date range needs both its dates.' },
  dates_reversed: { status: 400, meaning: 'A date range ends before it starts.' },
  window_reversed: { status: 400, meaning: 'A time window ends before it starts.' },
  invalid_upload: { status: 400, meaning: 'The upload is not a file the endpoint takes.' },
  unknown_library_framework: { status: 400, meaning: 'No framework in the library has that key.' },
  request_too_large: { status: 431, meaning: "The request's address or headers are too long." },
  body_too_large: { status: 413, meaning: 'The request body is larger than the endpoint takes.' },
  too_many_rows: { status: 413, meaning: 'An import file has more rows than one import takes.' },
  unsupported_media_type: { status: 415, meaning: 'The body must be sent as JSON.' },
  rate_limited: {
    status: 429,
    meaning: 'Too many requests or failed sign-ins; wait and try again.',
  },
  internal_error: { status: 500, meaning: 'Something failed on the server; nothing was changed.' },

  // Who is asking
  not_signed_in: { status: 401, meaning: 'No session, or it has ended.' },
  invalid_credentials: {
    status: 401,
    meaning: 'The email or password is wrong (never says which).',
  },
  forbidden: { status: 403, meaning: "The person's roles do not allow this action." },
  account_disabled: { status: 403, meaning: 'The account has been disabled by a trust admin.' },
  no_role: { status: 403, meaning: 'The person holds no role in the trust any more.' },
  csrf_rejected: { status: 403, meaning: 'The request came without the session’s CSRF token.' },
  csrf_token_invalid: { status: 403, meaning: "The CSRF token does not match the session's." },
  person_outranks_you: {
    status: 403,
    meaning: 'The person holds a role above your own: you cannot change them.',
  },
  role_above_your_own: { status: 403, meaning: 'You cannot give a role above your own.' },
  not_an_observer: {
    status: 403,
    meaning: 'Only the walk’s observers record its visits, open it for capture or hand in.',
  },
  not_your_record: { status: 403, meaning: 'Only the observer who wrote a record may change it.' },
  programme_not_shared: { status: 403, meaning: 'The programme is not yet shared with staff.' },
  not_found: {
    status: 404,
    meaning: 'Nothing there, or not visible to you (another trust’s data is never found).',
  },
  link_invalid: { status: 404, meaning: 'The sign-in or invitation link is not one we issued.' },
  link_expired: { status: 410, meaning: 'The link has passed its expiry; ask for a new one.' },
  link_used: { status: 410, meaning: 'The single-use link has been used already.' },
  trust_required: {
    status: 409,
    meaning: 'The email belongs to more than one trust: choose the trust.',
  },

  // The same thing at once, or already there
  conflict: { status: 409, meaning: 'The change clashes with data already saved.' },
  already_exists: {
    status: 409,
    meaning: 'The thing already exists, probably saved a moment ago.',
  },
  reference_changed: {
    status: 409,
    meaning: 'What the change refers to is gone, or something still refers to it.',
  },
  still_referenced: {
    status: 409,
    meaning: 'Something still refers to it, so it cannot be removed.',
  },
  try_again: { status: 409, meaning: 'Someone changed the same thing at the same moment.' },
  record_visit_mismatch: {
    status: 409,
    meaning: 'The record belongs to another visit; records never move.',
  },
  record_not_found: {
    status: 409,
    meaning: 'An edit names a record the server does not have; send it as new.',
  },
  stale_version: {
    status: 409,
    meaning: 'The record changed since it was read; details holds the current one.',
  },
  name_taken: { status: 409, meaning: 'Another one already has that name.' },
  school_name_taken: { status: 409, meaning: 'Another school in the trust has that name.' },
  department_name_taken: {
    status: 409,
    meaning: 'The school already has a department with that name.',
  },
  year_group_name_taken: {
    status: 409,
    meaning: 'The school already has a year group with that name.',
  },
  room_name_taken: { status: 409, meaning: 'The school already has a room with that name.' },
  term_name_taken: { status: 409, meaning: 'The school already has a term with that name.' },
  email_taken: { status: 409, meaning: 'Someone in the trust already has that email.' },
  staff_code_taken: { status: 409, meaning: 'Someone at the school already has that staff code.' },
  key_taken: {
    status: 409,
    meaning: 'The framework already has a look-for or lens with that key.',
  },
  version_taken: { status: 409, meaning: 'That framework version was created a moment ago.' },
  period_taken: {
    status: 409,
    meaning: 'The school day already has a period with that name or time.',
  },
  slot_taken: { status: 409, meaning: 'The room or teacher already has a lesson then.' },
  role_exists: { status: 409, meaning: 'The person already holds that role.' },
  already_on_staff: { status: 409, meaning: 'The person is already on the school’s staff.' },
  record_exists: { status: 409, meaning: 'The visit already has a record from this observer.' },
  visit_already_recorded: {
    status: 409,
    meaning: 'The visit was recorded already (e.g. from another device).',
  },
  draft_exists: { status: 409, meaning: 'A draft already exists; edit that one.' },
  feed_changed: { status: 409, meaning: 'The calendar feed was changed a moment ago.' },
  lesson_already_visited: { status: 409, meaning: 'The lesson is already a visit on this walk.' },
  teacher_visited_that_day: {
    status: 409,
    meaning: 'The teacher already has a visit that day (rule 5).',
  },
  planned_walk_taken: {
    status: 409,
    meaning: 'The planned walk has already been turned into a walk.',
  },
  priority_exists: { status: 409, meaning: 'The debrief already has that priority.' },
  follow_up_exists: { status: 409, meaning: 'The action already has a follow-up walk.' },
  photo_exists: { status: 409, meaning: 'That photo was uploaded already.' },

  // Set-up
  term_invalid: { status: 422, meaning: 'The term’s dates are not valid or overlap another term.' },
  non_teaching_day_invalid: {
    status: 422,
    meaning: 'The closure falls outside the terms or is not valid.',
  },
  closures_outside_terms: {
    status: 409,
    meaning: 'Changing the terms would leave closures outside every term.',
  },
  lesson_invalid: {
    status: 422,
    meaning: 'The lesson’s period, room, teacher or week is not valid.',
  },
  week_two_lessons: { status: 409, meaning: 'A one-week timetable cannot keep week-two lessons.' },
  department_in_use: { status: 409, meaning: 'Lessons still use the department.' },
  year_group_in_use: { status: 409, meaning: 'Lessons still use the year group.' },
  period_in_use: { status: 409, meaning: 'Lessons still use the period.' },
  room_in_use: { status: 409, meaning: 'Lessons or areas still use the room.' },
  department_not_in_school: { status: 422, meaning: 'The department belongs to another school.' },
  still_teaches: { status: 409, meaning: 'The person still teaches lessons on the timetable.' },
  coach_is_self: { status: 422, meaning: 'A person cannot be their own coach.' },
  coach_not_in_school: { status: 422, meaning: 'The coach is not on the school’s staff.' },
  own_leader_role: { status: 409, meaning: 'You cannot remove your own leader role.' },
  own_admin_role: { status: 409, meaning: 'You cannot remove your own admin role.' },
  last_trust_admin: { status: 409, meaning: 'The trust would be left with no admin.' },
  cannot_disable_self: { status: 409, meaning: 'You cannot disable your own account.' },
  cannot_remove_self: { status: 409, meaning: 'You cannot remove yourself from the staff.' },
  confirm_removals: {
    status: 409,
    meaning: 'The import removes people: confirm the removals to go ahead.',
  },
  identity_elsewhere: { status: 422, meaning: 'The email belongs to an account in another trust.' },
  unreadable_file: { status: 422, meaning: 'The file could not be read as CSV or a spreadsheet.' },
  import_has_problems: {
    status: 422,
    meaning: 'Rows of the import have problems; nothing was imported.',
  },
  pupil_data_refused: {
    status: 422,
    meaning: 'The file holds pupil data, which is never imported.',
  },
  settings_out_of_bounds: {
    status: 422,
    meaning: 'A protocol setting is outside what the protocol allows.',
  },
  period_invalid: { status: 422, meaning: 'The period’s times are not valid.' },

  // Frameworks and foci (rules 2, 6 and 7)
  framework_invalid: { status: 422, meaning: 'The framework’s structure is not valid.' },
  framework_rejected: {
    status: 422,
    meaning: 'The framework breaks a protocol rule; details lists why.',
  },
  look_for_rejected: {
    status: 422,
    meaning: 'A look-for rates the teacher or asks pupils about them.',
  },
  focus_rejected: { status: 422, meaning: 'The focus names or evaluates a person.' },
  focus_in_use: { status: 409, meaning: 'Walks use the focus, so it cannot be removed.' },
  version_not_published: { status: 409, meaning: 'The framework version is not published.' },

  // Programmes and consultation (rules 1, 10)
  programme_agreed: { status: 409, meaning: 'The programme is agreed; amend it instead.' },
  programme_not_agreed: { status: 409, meaning: 'The programme is not yet agreed.' },
  programme_settled: { status: 409, meaning: 'The programme is closed to this change.' },
  not_in_consultation: {
    status: 409,
    meaning: 'The programme or amendment is not open for consultation.',
  },
  consultation_too_short: {
    status: 422,
    meaning: 'Consultation has not been open for the minimum school days.',
  },
  calendar_too_short: {
    status: 422,
    meaning: 'The school calendar has too few teaching days to consult.',
  },
  comments_unanswered: { status: 422, meaning: 'Staff comments are still waiting for an answer.' },
  comment_names_someone: { status: 422, meaning: 'The comment names a person.' },
  amendment_settled: { status: 409, meaning: 'The amendment is already agreed or withdrawn.' },
  planned_walk_rejected: { status: 422, meaning: 'The planned walk breaks a protocol rule.' },
  unknown_term: { status: 422, meaning: 'No term of the school has that key.' },

  calendar_span_refused: {
    status: 422,
    meaning: 'The plan-a-walk calendar was asked for dates backwards or longer than a term.',
  },

  // Issue 21: a focus that fits ten minutes
  focus_reason_required: {
    status: 422,
    meaning:
      'The walk asks more look-fors than the school recommends and gives no reason (focusSizeReason).',
  },

  // Walks (rules 2 to 5)
  walk_rejected: {
    status: 422,
    meaning: 'The walk breaks a protocol rule; details lists the violations.',
  },
  walk_not_draft: { status: 409, meaning: 'Only a draft walk can be changed this way.' },
  walk_not_published: { status: 422, meaning: 'The walk is not published.' },
  walk_cancelled: { status: 409, meaning: 'The walk has been cancelled.' },
  walk_has_visits: { status: 409, meaning: 'The walk has visits, so it cannot be removed.' },
  walk_not_in_school: { status: 422, meaning: 'The walk belongs to another school.' },
  walk_on_another_day: { status: 422, meaning: 'The lesson is not on the walk’s day.' },
  no_focus: { status: 422, meaning: 'A walk needs a focus.' },
  different_focus: { status: 422, meaning: 'The visits belong to walks with different foci.' },
  date_in_past: { status: 422, meaning: 'The date has passed.' },
  lesson_gone: { status: 409, meaning: 'The lesson is no longer on the timetable.' },
  lesson_already_on_walk: { status: 422, meaning: 'The lesson is already on the walk.' },
  lesson_not_on_date: { status: 422, meaning: 'The lesson is not taught on that date.' },
  lesson_not_on_walk_day: { status: 422, meaning: 'The lesson is not taught on the walk’s day.' },
  not_your_lesson: {
    status: 422,
    meaning: 'Teachers can invite a walk only to their own lessons.',
  },
  not_staff: { status: 422, meaning: 'The person is not on the school’s staff.' },
  same_time: { status: 422, meaning: 'The new time is the same as the old one.' },
  no_time_in_window: { status: 422, meaning: 'No lesson time fits the window.' },
  time_outside_lesson_or_window: {
    status: 422,
    meaning: 'The time is outside the lesson or the agreed window.',
  },
  visit_outside_window: { status: 422, meaning: 'The visit falls outside the agreed window.' },
  not_an_alternative: {
    status: 422,
    meaning: 'The lesson is not one of the offered alternatives.',
  },
  invitation_answered: { status: 409, meaning: 'The invitation has already been answered.' },
  agreement_not_needed: {
    status: 409,
    meaning: 'The visit does not need the teacher’s agreement.',
  },
  agreed_in_future: { status: 422, meaning: 'An agreement cannot be dated in the future.' },
  invalid_transition: {
    status: 409,
    meaning: 'The walk cannot move to that state from its current one.',
  },
  timetable_clash: { status: 409, meaning: 'The visits overlap on the timetable.' },

  protocol_refused: {
    status: 422,
    meaning: 'The change breaks protocol rules; details lists each violation (rule, code, limit).',
  },

  // The protocol's rules, as the domain names them (details carries the violations)
  no_programme: {
    status: 422,
    meaning: 'Rule 1: the school has no agreed programme for the walk.',
  },
  programme_not_published: {
    status: 422,
    meaning: 'Rule 1: the programme is not published to staff.',
  },
  off_programme_reason_too_short: {
    status: 422,
    meaning: 'Rule 1: a walk outside the programme needs a reason.',
  },
  not_in_agreed_programme: {
    status: 422,
    meaning: 'Rule 1: the walk is not in the agreed programme.',
  },
  focus_missing: { status: 422, meaning: 'Rule 2: the walk has no focus.' },
  purpose_missing: { status: 422, meaning: 'Rule 2: the walk has no stated purpose.' },
  focus_names_person: { status: 422, meaning: 'Rule 2: the focus names a person.' },
  focus_about_individual: { status: 422, meaning: 'Rule 2: the focus is about one individual.' },
  focus_evaluates_teaching: { status: 422, meaning: 'Rule 6: the focus evaluates the teacher.' },
  no_framework: { status: 422, meaning: 'Rule 2: the focus has no published framework.' },
  framework_not_published: {
    status: 422,
    meaning: 'Rule 2: the framework version is not published.',
  },
  too_many_observers: { status: 422, meaning: 'Rule 3: more than two observers.' },
  no_observers: { status: 422, meaning: 'Rule 3: a walk needs an observer.' },
  observer_observed: {
    status: 422,
    meaning: 'Rule 3: an observer would observe their own lesson.',
  },
  notice_missing: { status: 422, meaning: 'Rule 4: no prior notice was given.' },
  notice_too_late: { status: 422, meaning: 'Rule 4: notice would reach the teacher too late.' },
  not_a_teaching_day: { status: 422, meaning: 'Rule 5: the date is not a teaching day.' },
  visit_cap_exceeded: { status: 422, meaning: 'Rule 5: the teacher would pass the visit cap.' },
  too_many_visits_in_a_day: {
    status: 422,
    meaning: 'Rule 5: more than one visit to a teacher in a day.',
  },
  too_many_rooms_an_hour: { status: 422, meaning: 'Rule 5: too many rooms in an hour.' },
  visit_too_long: { status: 422, meaning: 'Rule 5: a visit longer than the protocol allows.' },
  visit_ends_before_it_starts: { status: 422, meaning: 'A visit ends before it starts.' },
  visits_overlap: { status: 422, meaning: 'Two visits of one observer overlap.' },

  // Capture and records (rules 4, 8, 9)
  notice_not_given: {
    status: 422,
    meaning: 'Rule 4: the teacher has not been given notice of the visit.',
  },
  teacher_agreement_needed: {
    status: 422,
    meaning: 'Rule 4: the teacher must agree before this visit.',
  },
  visit_cancelled: { status: 409, meaning: 'The visit has been cancelled.' },
  wrong_day: { status: 422, meaning: 'A visit is recorded only on its day.' },
  neutral_language: {
    status: 422,
    meaning: 'Rule 9: the record names someone or judges; details lists each phrase.',
  },
  unknown_look_for: {
    status: 422,
    meaning: 'The record answers a look-for the focus does not hold.',
  },
  wrong_answer_kind: { status: 422, meaning: 'The answer does not fit the look-for’s scale.' },
  invalid_answer: { status: 422, meaning: 'The answer’s value is not allowed.' },
  duplicate_answer: { status: 422, meaning: 'A look-for is answered twice.' },
  unknown_prompt: { status: 422, meaning: 'The record answers a prompt the focus does not hold.' },
  duplicate_prompt: { status: 422, meaning: 'A prompt is answered twice.' },
  too_long: { status: 422, meaning: 'A text is longer than allowed.' },
  unknown_kept_field: {
    status: 422,
    meaning: 'A kept phrase refers to a field the record does not have.',
  },
  photo_not_jpeg: { status: 422, meaning: 'Photos must be JPEG.' },
  photo_too_large: { status: 422, meaning: 'The photo is larger than allowed.' },
  photo_has_metadata: {
    status: 422,
    meaning: 'The photo still carries location or camera metadata.',
  },
  too_many_photos: { status: 422, meaning: 'The visit has the most photos allowed.' },
  not_this_visit: { status: 422, meaning: 'The record belongs to another visit.' },
  no_records_yet: { status: 409, meaning: 'No record has been handed in yet.' },
  response_window_closed: {
    status: 409,
    meaning: 'Rule 8: the teacher’s response window has closed.',
  },
  already_answered: { status: 409, meaning: 'The teacher has answered already.' },
  flag_settled: { status: 409, meaning: 'The flag has already been settled.' },
  no_such_item: { status: 422, meaning: 'The record has no such item.' },
  invalid_correction: { status: 422, meaning: 'The correction does not fit the item.' },
  note_required: { status: 422, meaning: 'Say why the item is not changed.' },

  // After the walk
  no_draft: { status: 409, meaning: 'There is no draft to work on.' },
  no_coach: { status: 409, meaning: 'The teacher has no coach to invite.' },
  summary_empty: { status: 422, meaning: 'The debrief summary is empty.' },
  summary_names_someone: { status: 422, meaning: 'The debrief summary names a person.' },
  summary_not_published: { status: 409, meaning: 'The debrief summary is not published.' },
  action_rejected: { status: 422, meaning: 'The action names or evaluates a person.' },
  unknown_next_step: { status: 422, meaning: 'No next step has that key.' },
  review_rejected: { status: 422, meaning: 'The review’s text names or evaluates a person.' },
  review_open: { status: 409, meaning: 'A review is already open.' },
  review_closed: { status: 409, meaning: 'The review is closed.' },
  pulse_already_closed: { status: 409, meaning: 'The pulse was closed already.' },
  pulse_closed: { status: 422, meaning: 'The pulse is closed to answers.' },

  // A real trust can start (issue 13, part a): first-run set-up, operators, leavers
  already_set_up: {
    status: 409,
    meaning: 'The installation already has a trust; the set-up wizard works only on an empty one.',
  },
  trust_slug_taken: { status: 409, meaning: 'Another trust has that short name.' },
  trust_disabled: {
    status: 403,
    meaning: 'The trust has been disabled by the operator: nobody signs in; its data is kept.',
  },
  // Concerns, self-evaluation and walk practice (issue 16)
  concern_no_handler: {
    status: 422,
    meaning: 'Nobody is named to receive the concern (no head, or no trust named person).',
  },
  concern_supporter_invalid: {
    status: 422,
    meaning: 'The supporting colleague is not on the school’s staff, or is the person raising it.',
  },
  concern_link_invalid: {
    status: 422,
    meaning: 'The linked programme, walk, visit or record is not one of the school’s.',
  },
  concern_wrong_stage: {
    status: 409,
    meaning: 'The concern is not at the stage for this step (already done, or not yet).',
  },
  concern_person_invalid: {
    status: 422,
    meaning: 'The person named for concerns cannot be named (not staff, or disabled).',
  },
  self_evaluation_open: {
    status: 409,
    meaning: 'The school already has a self-evaluation in progress.',
  },
  self_evaluation_completed: {
    status: 409,
    meaning: 'The self-evaluation is completed and can no longer be changed.',
  },
  self_evaluation_unrated: {
    status: 422,
    meaning: 'A self-evaluation is completed only when every statement is rated.',
  },
  self_evaluation_not_yet_only: {
    status: 422,
    meaning: 'Only a statement rated "not yet" becomes an action, once.',
  },
  feedback_not_in_person: {
    status: 422,
    meaning: 'The walk’s plan does not say feedback is given in person, or the visit is not on.',
  },
  feedback_time_invalid: {
    status: 422,
    meaning: 'A feedback time is not after the visit, or not one of the times offered.',
  },
  feedback_answered: {
    status: 409,
    meaning: 'The teacher has already picked a time or asked for written feedback.',
  },
  feedback_not_arranged: {
    status: 409,
    meaning: 'No conversation is arranged yet, or it was already recorded as held.',
  },
  practice_visit_invalid: {
    status: 422,
    meaning: 'The visit is not on one of the debrief’s walks.',
  },
  practice_answered: {
    status: 409,
    meaning: 'The teacher has already answered whether the example may be published.',
  },
  // Issue 13: single sign-on and MFA
  mfa_code_invalid: {
    status: 401,
    meaning: 'The sign-in code (from the authenticator app, or a recovery code) is not right.',
  },
  mfa_step_expired: {
    status: 410,
    meaning: 'The step between password and code has expired or was used: sign in again.',
  },
  mfa_enrolment_required: {
    status: 403,
    meaning: 'The trust requires two-step sign-in of this person: they must turn it on first.',
  },
  mfa_already_on: { status: 409, meaning: 'Two-step sign-in is already on for this account.' },
  mfa_not_started: { status: 409, meaning: 'Two-step sign-in set-up has not been started.' },
  mfa_not_on: { status: 409, meaning: 'Two-step sign-in is not on for this account.' },
  mfa_required_by_trust: {
    status: 403,
    meaning:
      'The trust requires two-step sign-in of this person’s role, so they cannot turn it off.',
  },
  mfa_proof_invalid: {
    status: 401,
    meaning:
      'The code or password given to change two-step sign-in is not right (a current code from the app, or the account’s password).',
  },
  sso_unavailable: {
    status: 422,
    meaning: 'The single sign-on provider could not be reached or its settings do not work.',
  },
  sso_state_invalid: {
    status: 400,
    meaning: 'The single sign-on answer is unknown, expired or was used already (replayed).',
  },
  sso_answer_rejected: {
    status: 401,
    meaning: 'The provider’s answer failed a check (nonce, signature, issuer or code).',
  },
  sso_email_unverified: {
    status: 403,
    meaning: 'The provider did not vouch for the email address (email_verified is not true).',
  },
  sso_domain_not_allowed: {
    status: 403,
    meaning: 'The email’s domain is not one this provider may sign in.',
  },
  sso_unknown_person: {
    status: 403,
    meaning: 'Nobody in the trust has that email address; accounts are never created by sign-in.',
  },
  // Operations (issue 17)
  metrics_off: { status: 404, meaning: 'GET /metrics is off: METRICS_TOKEN is not set.' },
  metrics_token_invalid: {
    status: 401,
    meaning: 'GET /metrics needs Authorization: Bearer with the METRICS_TOKEN setting.',
  },
  // Site walks (issue 14)
  site_people_refused: {
    status: 422,
    meaning:
      'A site walk would put more than two people in a place, or has no lead; details lists each place.',
  },
  not_a_site_lead: {
    status: 422,
    meaning: 'The lead of a site walk is the business manager or the site manager.',
  },
  not_a_site_walk: { status: 404, meaning: 'The walk is not a site walk.' },
  place_not_on_walk: { status: 422, meaning: 'The place is not on this site walk.' },
  item_not_on_checklist: {
    status: 422,
    meaning: 'The checklist item is not on the checklist of that place.',
  },
  risk_missing: {
    status: 422,
    meaning: 'A "needs attention" finding needs its likelihood and severity (1 to 5 each).',
  },
  finding_exists: {
    status: 409,
    meaning: 'The server already holds a different finding under this id; nothing was overwritten.',
  },
  guest_link_invalid: {
    status: 401,
    meaning: 'The guest link is unknown, expired or was used already.',
  },
  site_action_open: {
    status: 409,
    meaning: 'The place already has an open action for that checklist item.',
  },
  site_action_refused: {
    status: 422,
    meaning: 'The site action cannot change that way (e.g. closing without a photo and a note).',
  },
  not_a_checklist: {
    status: 422,
    meaning: 'The framework version is not a published health-and-safety checklist of the trust.',
  },
  site_walk_not_published: {
    status: 422,
    meaning: 'Findings are recorded on a published site walk only.',
  },
  // Issue 15: observer training, calibration, walks across schools.
  training_required: {
    status: 422,
    meaning:
      'The trust or school requires observer training; details names the rule, the person and the missing modules.',
  },
  host_agreement_required: {
    status: 422,
    meaning: 'A walk proposed in another school is published only once the host school agrees.',
  },
  host_declined: {
    status: 422,
    meaning: 'The host school declined this walk; details carries the reason.',
  },
  not_a_proposer: {
    status: 403,
    meaning: 'Only trust leaders and the leads of a network propose walks in another school.',
  },
  not_visiting: {
    status: 422,
    meaning: 'A visiting observer must be from another school (or the trust), not the host.',
  },
  already_decided: { status: 409, meaning: 'The host school has already answered this proposal.' },
  not_a_network_member: {
    status: 422,
    meaning: 'Everyone proposed from a network must belong to it.',
  },
  // Data protection (issue 17)
  retention_out_of_bounds: {
    status: 422,
    meaning: 'A retention setting is outside the safe bounds (too short or too long).',
  },
  trust_deletion_unconfirmed: {
    status: 422,
    meaning: 'Deleting the trust needs its short name typed exactly, as confirmation.',
  },
  // Issue 15: moderation sessions.
  agreed_reading_rejected: {
    status: 422,
    meaning:
      'The agreed reading names someone or judges the teaching; details lists each phrase and a neutral rewrite.',
  },
  moderation_revealed: {
    status: 409,
    meaning: 'The session’s readings are already shown: a reading can no longer be changed.',
  },
  moderation_nothing_agreed: {
    status: 422,
    meaning: 'No agreed reading has been noted yet, so there is no guidance to make.',
  },
  moderation_superseded: {
    status: 409,
    meaning:
      'The framework has a newer version than the session’s: its agreed readings cannot continue it.',
  },
  moderation_invalid: {
    status: 422,
    meaning:
      'The session cannot be set up that way (a participant, scene or school that does not fit); details says which.',
  },
  // Peer walks (issue 15)
  peer_observer_not_listed: {
    status: 422,
    meaning:
      'The school chooses which teachers may observe; details names the rule and the person not on its list of peer observers.',
  },
  peer_observer_refused: {
    status: 422,
    meaning:
      'That person cannot be added to the school’s peer observers (not its staff, or already observes).',
  },
  reflection_not_yet: {
    status: 422,
    meaning: 'A reflection on a walk is written by its observers after they hand in their records.',
  },
  coach_refused: {
    status: 422,
    meaning:
      'The coach a reflection is shared with is someone else from one of the author’s schools.',
  },
  idea_wording: {
    status: 422,
    meaning:
      'An idea shared in the staff summary names or judges someone; details gives the checker’s findings.',
  },
  // Start-up (issue 22)
  starting: {
    status: 503,
    meaning: 'The server has just started and is opening its database; try again in a moment.',
  },
} as const satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof errorCatalogue;
export const errorCodes = Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]];

export const statusOf = (code: ErrorCode): number => errorCatalogue[code].status;
