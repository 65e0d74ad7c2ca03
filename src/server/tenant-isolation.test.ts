import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyJpeg } from '../domain/records/testing.ts';
import { totpAt } from './auth/totp.ts';
import { withTenant } from './db/with-tenant.ts';
import {
  createTestTrust,
  createTestWalk,
  TEST_PASSWORD,
  type TestTrust,
} from './testing/factories.ts';
import { Client, startTestApp, type TestApp } from './testing/test-app.ts';

/**
 * Two trusts; every API route that takes an id, called by the most powerful person of
 * trust A with trust A's ids (must succeed: a positive control, so a broken set-up
 * cannot pass) and with trust B's ids (must be 404, and change nothing).
 */
type Ids = {
  school: string;
  person: string;
  framework: string;
  version: string;
  focus: string;
  programme: string;
  comment: string;
  /** A planned walk of the programme, and an amendment to it (issue 19). */
  plannedWalk: string;
  amendment: string;
  walk: string;
  visit: string;
  /** A second visit on the same draft walk, for the route that cancels one. */
  visit2: string;
  lesson: string;
  invitation: string;
  /** A record and a photo of it, by trust A's (or B's) observer (issue 6). */
  record: string;
  photo: string;
  /** Notices and calendar feeds (issue 5): an in-app notice of trust A's (or B's) admin, the trust id. */
  notice: string;
  trust: string;
  reportTerm: string;
  /** School set-up (issue 3): things of trust A's (or B's) North made for this test. */
  room: string;
  department: string;
  yearGroup: string;
  period: string;
  term: string;
  closure: string;
  setupLesson: string;
  /** After the walk (issue 7): the recorded visit (South), a flag on its record, a debrief of
   * its walk, a North improvement priority and an action under it. */
  recordVisit: string;
  flag: string;
  debrief: string;
  priority: string;
  action: string;
  /** Reviews with staff (rule 11): an open review of North with its pulse. */
  review: string;
  /** Concerns (rule 12, issue 16): a concern about the head, sent to the admin as the trust's named person. */
  concern: string;
  /** Self-evaluation (issue 16): North's, in progress, with "open door" rated not yet. */
  selfEvaluation: string;
  /** Practice library (issue 16): an example proposed from the debrief's recorded visit. */
  practiceExample: string;
  /** Single sign-on (issue 13): a provider of the trust's. */
  ssoProvider: string;
  /** Site walks (issue 14): North's site lead, a checklist and its first item, an area, a
   * published site walk over it with a guest, the admin's finding with its action and the
   * action's photo, and the guest's own finding. */
  siteLead: string;
  siteChecklist: string;
  siteItem: string;
  sitePlace: string;
  siteWalk: string;
  siteGuest: string;
  siteFinding: string;
  siteGuestFinding: string;
  siteAction: string;
  sitePhoto: string;
  /** Issue 15: a walk in North proposed from the trust (South's observer visits), a practice scene. */
  visitingWalk: string;
  scene: string;
  /** Issue 15: a moderation session on the published version (the admin takes part), a look-for of it. */
  moderationSession: string;
  moderationLookFor: string;
  /** Peer walks (issue 15): a private reflection on the walk by the trust's admin. */
  reflection: string;
};

/** Trust A's guest token (issue 14): under B's ids it must find nothing. */
let siteGuestToken = '';
let siteAreas = 0;

/** Trust A's admin's calendar-feed secret: under B's trust id it must find nothing. */
let feedSecret = '';

const draftBody = {
  name: 'Isolation framework',
  description: '',
  lenses: [
    {
      key: 'l1',
      name: 'Reading',
      lookFors: [{ key: 'r1', prompt: 'Pupils read aloud', answerKind: 'prevalence' }],
    },
  ],
};

type Call = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: (i: Ids) => string;
  body?: (i: Ids) => unknown;
  headers?: Record<string, string>;
};

/** A lesson in the test's own room, subject, year group and period (Thursday). */
const isoLesson = (i: Ids) => ({
  classCode: 'ISO1',
  departmentId: i.department,
  yearGroupId: i.yearGroup,
  teacherId: i.person,
  roomId: i.room,
  weekday: 4,
  periodId: i.period,
});

// Every API path with a parameter must appear here; the first test checks the list is complete.
const routes: Record<string, Call> = {
  // Notices, calendar feeds and the protocol report (issue 5, prior warning).
  'POST /api/me/notices/{noticeId}/read': {
    method: 'POST',
    url: (i) => `/api/me/notices/${i.notice}/read`,
  },
  // The admin is not the visited teacher: own ids answer 403, never 404.
  'POST /api/me/visits/{visitId}/agreement': {
    method: 'POST',
    url: (i) => `/api/me/visits/${i.visit}/agreement`,
  },
  // If-None-Match: * makes the found feed answer 304 with no body (the client reads JSON).
  'GET /api/calendar/{file}': {
    method: 'GET',
    url: (i) => `/api/calendar/${i.trust}.${feedSecret}.ics`,
    headers: { 'if-none-match': '*' },
  },
  'GET /api/schools/{schoolId}/protocol-report': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/protocol-report?termId=${i.reportTerm}`,
  },
  'GET /api/schools/{schoolId}/programmes/{programmeId}/protocol-report': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/programmes/${i.programme}/protocol-report`,
  },
  // Insights (issue 8). CSV and PDF answer 304 to If-None-Match: * once found (the client reads JSON).
  'GET /api/schools/{schoolId}/insights': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/insights`,
  },
  'GET /api/schools/{schoolId}/insights/csv': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/insights/csv?table=lenses`,
    headers: { 'if-none-match': '*' },
  },
  'GET /api/schools/{schoolId}/insights/report.pdf': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/insights/report.pdf`,
    headers: { 'if-none-match': '*' },
  },
  // Capture (issue 6). The admin is not an observer: own ids answer 403/422, never 404.
  'GET /api/walks/{walkId}/capture': { method: 'GET', url: (i) => `/api/walks/${i.walk}/capture` },
  'PUT /api/records/{recordId}': {
    method: 'PUT',
    url: (i) => `/api/records/${i.record}`,
    body: (i) => ({
      visitId: i.visit,
      baseVersion: null,
      body: { answers: [], notes: 'x', studentVoice: [] },
    }),
  },
  'GET /api/records/{recordId}/versions': {
    method: 'GET',
    url: (i) => `/api/records/${i.record}/versions`,
  },
  'PUT /api/records/{recordId}/photos/{photoId}': {
    method: 'PUT',
    url: (i) => `/api/records/${i.record}/photos/${i.photo}`,
    body: () => 'not a jpeg',
    headers: { 'content-type': 'image/jpeg' },
  },
  'GET /api/records/{recordId}/photos/{photoId}': {
    method: 'GET',
    url: (i) => `/api/records/${i.record}/photos/${i.photo}`,
  },
  'POST /api/walks/{walkId}/records/hand-in': {
    method: 'POST',
    url: (i) => `/api/walks/${i.walk}/records/hand-in`,
  },
  // After the walk (issue 7). The admin is not the visited teacher, a coach or a school leader:
  // own ids answer 403 for records; debriefs, priorities and actions are theirs to manage.
  'GET /api/visits/{visitId}/records': {
    method: 'GET',
    url: (i) => `/api/visits/${i.recordVisit}/records`,
  },
  'GET /api/visits/{visitId}/records/{recordId}/photos/{photoId}': {
    method: 'GET',
    url: (i) => `/api/visits/${i.recordVisit}/records/${i.record}/photos/${i.photo}`,
  },
  'POST /api/visits/{visitId}/responses': {
    method: 'POST',
    url: (i) => `/api/visits/${i.recordVisit}/responses`,
    body: () => ({ body: 'Iso response' }),
  },
  'POST /api/visits/{visitId}/flags': {
    method: 'POST',
    url: (i) => `/api/visits/${i.recordVisit}/flags`,
    body: (i) => ({ recordId: i.record, item: 'notes', explanation: 'Iso' }),
  },
  'POST /api/record-flags/{flagId}/resolve': {
    method: 'POST',
    url: (i) => `/api/record-flags/${i.flag}/resolve`,
    body: () => ({ outcome: 'not_changed', note: 'Iso' }),
  },
  'PUT /api/visits/{visitId}/reflection': {
    method: 'PUT',
    url: (i) => `/api/visits/${i.recordVisit}/reflection`,
    body: () => ({ body: 'Iso' }),
  },
  'PUT /api/visits/{visitId}/coach-share': {
    method: 'PUT',
    url: (i) => `/api/visits/${i.recordVisit}/coach-share`,
    body: () => ({ includeReflection: false }),
  },
  'DELETE /api/visits/{visitId}/coach-share': {
    method: 'DELETE',
    url: (i) => `/api/visits/${i.recordVisit}/coach-share`,
  },
  'GET /api/schools/{schoolId}/debriefs': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/debriefs`,
  },
  'POST /api/schools/{schoolId}/debriefs': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/debriefs`,
    // The draft walk: refused (422) once the school is found.
    body: (i) => ({ walkIds: [i.walk] }),
  },
  'GET /api/debriefs/{debriefId}': { method: 'GET', url: (i) => `/api/debriefs/${i.debrief}` },
  'PUT /api/debriefs/{debriefId}': {
    method: 'PUT',
    url: (i) => `/api/debriefs/${i.debrief}`,
    body: () => ({
      title: 'Iso debrief',
      heldOn: null,
      discussion: '',
      strengths: [],
      areasToDevelop: [],
      nextSteps: [],
      participants: [],
    }),
  },
  'PUT /api/debriefs/{debriefId}/staff-summary': {
    method: 'PUT',
    url: (i) => `/api/debriefs/${i.debrief}/staff-summary`,
    body: () => ({ text: 'Iso summary' }),
  },
  'POST /api/debriefs/{debriefId}/staff-summary/publish': {
    method: 'POST',
    url: (i) => `/api/debriefs/${i.debrief}/staff-summary/publish`,
  },
  'GET /api/schools/{schoolId}/staff-summaries': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/staff-summaries`,
  },
  'GET /api/staff-summaries/{debriefId}': {
    method: 'GET',
    url: (i) => `/api/staff-summaries/${i.debrief}`,
  },
  'GET /api/schools/{schoolId}/priorities': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/priorities`,
  },
  'POST /api/schools/{schoolId}/priorities': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/priorities`,
    body: () => ({ title: 'Iso priority 2' }),
  },
  'PUT /api/priorities/{priorityId}': {
    method: 'PUT',
    url: (i) => `/api/priorities/${i.priority}`,
    body: () => ({ title: 'Iso priority', description: 'Changed' }),
  },
  'GET /api/schools/{schoolId}/actions': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/actions`,
  },
  'POST /api/schools/{schoolId}/actions': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/actions`,
    body: (i) => ({
      title: 'Iso action 2',
      ownerId: i.person,
      dueOn: '2026-12-01',
      priorityId: i.priority,
    }),
  },
  'PUT /api/actions/{actionId}': {
    method: 'PUT',
    url: (i) => `/api/actions/${i.action}`,
    body: (i) => ({
      title: 'Iso action',
      ownerId: i.person,
      dueOn: '2026-12-02',
      priorityId: i.priority,
    }),
  },
  'POST /api/actions/{actionId}/status': {
    method: 'POST',
    url: (i) => `/api/actions/${i.action}/status`,
    body: () => ({ status: 'doing' }),
  },
  'POST /api/actions/{actionId}/follow-up-walk': {
    method: 'POST',
    url: (i) => `/api/actions/${i.action}/follow-up-walk`,
    // The action came from no debrief: refused (422) once it is found.
    body: () => ({ date: '2026-12-07', windowStart: '09:00', windowEnd: '10:00', observerIds: [] }),
  },
  'GET /api/schools/{schoolId}': { method: 'GET', url: (i) => `/api/schools/${i.school}` },
  'GET /api/schools/{schoolId}/staff': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/staff`,
  },
  'GET /api/schools/{schoolId}/rooms': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/rooms`,
  },
  // School set-up (issue 3). Deletes hit things made for this test, or are refused (in use).
  'PUT /api/schools/{schoolId}': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}`,
    body: () => ({
      name: 'North',
      phase: 'secondary',
      urn: null,
      address: '',
      timeZone: 'Europe/London',
    }),
  },
  'POST /api/schools/{schoolId}/terms': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/terms`,
    body: () => ({ name: 'Iso later', startsOn: '2029-09-03', endsOn: '2029-12-14' }),
  },
  'PUT /api/schools/{schoolId}/terms/{termId}': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/terms/${i.term}`,
    body: () => ({ name: 'Iso term', startsOn: '2028-09-04', endsOn: '2028-12-15' }),
  },
  'DELETE /api/schools/{schoolId}/terms/{termId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/terms/${i.term}`,
  },
  'POST /api/schools/{schoolId}/closures': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/closures`,
    body: () => ({ kind: 'holiday', label: 'Iso', startsOn: '2027-08-09', endsOn: '2027-08-09' }),
  },
  'PUT /api/schools/{schoolId}/closures/{closureId}': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/closures/${i.closure}`,
    body: () => ({
      kind: 'holiday',
      label: 'Iso day',
      startsOn: '2027-08-02',
      endsOn: '2027-08-02',
    }),
  },
  'DELETE /api/schools/{schoolId}/closures/{closureId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/closures/${i.closure}`,
  },
  'POST /api/schools/{schoolId}/staff': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/staff`,
    body: (i) => ({
      fullName: 'Iso',
      email: `iso-${i.school.slice(0, 8)}@iso.test`,
      roles: ['teacher'],
    }),
  },
  'PUT /api/schools/{schoolId}/staff/{personId}': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/staff/${i.person}`,
    body: (i) => ({
      fullName: 'Iso teacher',
      email: `teacher-${i.person.slice(0, 8)}@iso.test`,
      roles: ['teacher'],
    }),
  },
  'DELETE /api/schools/{schoolId}/staff/{personId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/staff/${i.person}`,
  },
  'POST /api/schools/{schoolId}/rooms': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/rooms`,
    body: () => ({ name: 'Iso room 2', building: 'Main', floor: 0 }),
  },
  'PUT /api/schools/{schoolId}/rooms/{roomId}': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/rooms/${i.room}`,
    body: () => ({ name: 'Iso room', building: 'Annexe', floor: 1 }),
  },
  'DELETE /api/schools/{schoolId}/rooms/{roomId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/rooms/${i.room}`,
  },
  'POST /api/schools/{schoolId}/departments': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/departments`,
    body: () => ({ name: 'Iso subject 2' }),
  },
  'PUT /api/schools/{schoolId}/departments/{departmentId}': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/departments/${i.department}`,
    body: () => ({ name: 'Iso subject' }),
  },
  'DELETE /api/schools/{schoolId}/departments/{departmentId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/departments/${i.department}`,
  },
  'POST /api/schools/{schoolId}/year-groups': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/year-groups`,
    body: () => ({ name: 'Iso year 2' }),
  },
  'PUT /api/schools/{schoolId}/year-groups/{yearGroupId}': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/year-groups/${i.yearGroup}`,
    body: () => ({ name: 'Iso year' }),
  },
  'DELETE /api/schools/{schoolId}/year-groups/{yearGroupId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/year-groups/${i.yearGroup}`,
  },
  'POST /api/schools/{schoolId}/periods': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/periods`,
    body: () => ({ name: 'Iso twilight', startsAt: '18:00', endsAt: '19:00' }),
  },
  'PUT /api/schools/{schoolId}/periods/{periodId}': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/periods/${i.period}`,
    body: () => ({ name: 'Iso period', startsAt: '16:00', endsAt: '17:00' }),
  },
  'DELETE /api/schools/{schoolId}/periods/{periodId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/periods/${i.period}`,
  },
  'PUT /api/schools/{schoolId}/cycle': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/cycle`,
    body: () => ({ cycleWeeks: 1 }),
  },
  'GET /api/schools/{schoolId}/lessons': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/lessons?q=iso`,
  },
  'POST /api/schools/{schoolId}/lessons': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/lessons`,
    body: (i) => ({ ...isoLesson(i), classCode: 'ISO2', weekday: 5 }),
  },
  'PUT /api/schools/{schoolId}/lessons/{lessonId}': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/lessons/${i.setupLesson}`,
    body: (i) => isoLesson(i),
  },
  'DELETE /api/schools/{schoolId}/lessons/{lessonId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/lessons/${i.setupLesson}`,
  },
  'POST /api/schools/{schoolId}/imports/{kind}/preview': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/imports/rooms/preview`,
    body: () => ({ fileName: 'rooms.csv', contentBase64: btoa('Room\nS9\n') }),
  },
  'POST /api/schools/{schoolId}/imports/{kind}/apply': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/imports/rooms/apply`,
    // Removals unconfirmed: refused with 409 after the school is found, so nothing changes.
    body: () => ({ fileName: 'rooms.csv', contentBase64: btoa('Room\nS9\n') }),
  },
  'GET /api/schools/{schoolId}/imports/{kind}/sample': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/imports/rooms/sample?format=json`,
  },
  'GET /api/schools/{schoolId}/people/{personId}/timetable': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/people/${i.person}/timetable`,
  },
  'GET /api/frameworks/{frameworkId}/versions/{versionNo}': {
    method: 'GET',
    url: (i) => `/api/frameworks/${i.framework}/versions/1`,
  },
  'GET /api/frameworks/{frameworkId}/versions/{versionNo}/export': {
    method: 'GET',
    url: (i) => `/api/frameworks/${i.framework}/versions/1/export`,
  },
  'PUT /api/frameworks/{frameworkId}/draft': {
    method: 'PUT',
    url: (i) => `/api/frameworks/${i.framework}/draft`,
    body: () => draftBody,
  },
  'POST /api/frameworks/{frameworkId}/draft/publish': {
    method: 'POST',
    url: (i) => `/api/frameworks/${i.framework}/draft/publish`,
  },
  'POST /api/frameworks/{frameworkId}/versions': {
    method: 'POST',
    url: (i) => `/api/frameworks/${i.framework}/versions`,
  },
  'GET /api/schools/{schoolId}/foci': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/foci`,
  },
  'POST /api/schools/{schoolId}/foci': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/foci`,
    body: (i) => ({ title: 'T', purpose: 'Why', versionId: i.version, lookForIds: [] }),
  },
  'DELETE /api/schools/{schoolId}/foci/{focusId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/foci/${i.focus}`,
  },
  'POST /api/schools/{schoolId}/look-fors': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/look-fors`,
    body: () => ({ prompt: 'Pupils use the word wall', answerKind: 'seen' }),
  },
  // Programmes and walks (issue 5). Order matters: destructive calls on own ids come last.
  'GET /api/schools/{schoolId}/programmes': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/programmes`,
  },
  'POST /api/schools/{schoolId}/programmes': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/programmes`,
    body: () => ({ title: 'Iso', startsOn: '2027-01-05', endsOn: '2027-03-26' }),
  },
  'GET /api/programmes/{programmeId}': {
    method: 'GET',
    url: (i) => `/api/programmes/${i.programme}`,
  },
  'PUT /api/programmes/{programmeId}': {
    method: 'PUT',
    url: (i) => `/api/programmes/${i.programme}`,
    body: () => ({ title: 'Iso walks', startsOn: '2026-09-02', endsOn: '2026-12-18' }),
  },
  'POST /api/programmes/{programmeId}/status': {
    method: 'POST',
    url: (i) => `/api/programmes/${i.programme}/status`,
    body: () => ({ to: 'consultation' }),
  },
  'POST /api/programmes/{programmeId}/comments': {
    method: 'POST',
    url: (i) => `/api/programmes/${i.programme}/comments`,
    body: () => ({ body: 'A comment' }),
  },
  'POST /api/programmes/{programmeId}/comments/{commentId}/answer': {
    method: 'POST',
    url: (i) => `/api/programmes/${i.programme}/comments/${i.comment}/answer`,
    body: () => ({ answer: 'An answer' }),
  },
  'POST /api/programmes/{programmeId}/planned-walks': {
    method: 'POST',
    url: (i) => `/api/programmes/${i.programme}/planned-walks`,
    body: () => ({
      walks: [
        { weekOf: '2026-11-30', windowStart: '09:00', windowEnd: '10:00', focusTitle: 'Iso' },
      ],
    }),
  },
  'DELETE /api/programmes/{programmeId}/planned-walks/{plannedWalkId}': {
    method: 'DELETE',
    url: (i) => `/api/programmes/${i.programme}/planned-walks/${i.plannedWalk}`,
  },
  'POST /api/programmes/{programmeId}/term-plan': {
    method: 'POST',
    url: (i) => `/api/programmes/${i.programme}/term-plan`,
    body: () => ({ count: 2 }),
  },
  'POST /api/programmes/{programmeId}/amendments': {
    method: 'POST',
    url: (i) => `/api/programmes/${i.programme}/amendments`,
    body: () => ({ summary: 'An extra walk for the isolation test' }),
  },
  'POST /api/programmes/{programmeId}/amendments/{amendmentId}/agree': {
    method: 'POST',
    url: (i) => `/api/programmes/${i.programme}/amendments/${i.amendment}/agree`,
    body: () => ({ agreedOn: '2026-11-23', agreementHow: 'Staff briefing' }),
  },
  'GET /api/schools/{schoolId}/protocol': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/protocol`,
  },
  'PUT /api/schools/{schoolId}/protocol': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/protocol`,
    body: () => ({ visitCap: 3 }),
  },
  'GET /api/schools/{schoolId}/walks': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/walks`,
  },
  'GET /api/schools/{schoolId}/planning-calendar': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/planning-calendar`,
  },
  'POST /api/schools/{schoolId}/walks': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/walks`,
    body: (i) => ({
      programmeId: i.programme,
      date: '2026-12-07',
      windowStart: '09:00',
      windowEnd: '10:00',
      focusId: i.focus,
      focusTitle: 'Reading',
      purpose: 'To see how pupils read aloud across subjects.',
      observerIds: [],
    }),
  },
  'GET /api/walks/{walkId}': { method: 'GET', url: (i) => `/api/walks/${i.walk}` },
  'PUT /api/walks/{walkId}': {
    method: 'PUT',
    url: (i) => `/api/walks/${i.walk}`,
    body: (i) => ({
      programmeId: null,
      offProgrammeReason: 'A walk outside the programme, for this test.',
      date: '2026-11-30',
      windowStart: '09:00',
      windowEnd: '10:00',
      focusId: i.focus,
      focusTitle: 'Reading',
      purpose: 'To see how pupils read aloud across subjects.',
      observerIds: [],
    }),
  },
  'GET /api/walks/{walkId}/lessons': { method: 'GET', url: (i) => `/api/walks/${i.walk}/lessons` },
  'POST /api/walks/{walkId}/plan': {
    method: 'POST',
    url: (i) => `/api/walks/${i.walk}/plan`,
    body: () => ({ seed: 1 }),
  },
  'POST /api/walks/{walkId}/visits': {
    method: 'POST',
    url: (i) => `/api/walks/${i.walk}/visits`,
    body: (i) => ({ visits: [{ lessonId: i.lesson }] }),
  },
  'GET /api/walks/{walkId}/visits/{visitId}/alternatives': {
    method: 'GET',
    url: (i) => `/api/walks/${i.walk}/visits/${i.visit}/alternatives`,
  },
  'POST /api/walks/{walkId}/visits/{visitId}/swap': {
    method: 'POST',
    url: (i) => `/api/walks/${i.walk}/visits/${i.visit}/swap`,
    body: (i) => ({ lessonId: i.lesson }),
  },
  'GET /api/schools/{schoolId}/invitations': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/invitations`,
  },
  'POST /api/schools/{schoolId}/invitations': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/invitations`,
    body: (i) => ({ lessonId: i.lesson, date: '2026-11-30' }),
  },
  'POST /api/invitations/{invitationId}/accept': {
    method: 'POST',
    url: (i) => `/api/invitations/${i.invitation}/accept`,
    body: (i) => ({ walkId: i.walk }),
  },
  'POST /api/invitations/{invitationId}/decline': {
    method: 'POST',
    url: (i) => `/api/invitations/${i.invitation}/decline`,
    body: () => ({ note: '' }),
  },
  // Changes after publication (issue 5).
  'POST /api/walks/{walkId}/visits/{visitId}/move': {
    method: 'POST',
    url: (i) => `/api/walks/${i.walk}/visits/${i.visit}/move`,
    body: () => ({ startsAt: '09:40' }),
  },
  'POST /api/people/{personId}/disable': {
    method: 'POST',
    url: (i) => `/api/people/${i.person}/disable`,
  },
  'POST /api/people/{personId}/enable': {
    method: 'POST',
    url: (i) => `/api/people/${i.person}/enable`,
  },
  'PUT /api/people/{personId}/trust-roles': {
    method: 'PUT',
    url: (i) => `/api/people/${i.person}/trust-roles`,
    body: () => ({ roles: [] }),
  },
  'PUT /api/walks/{walkId}/observers': {
    method: 'PUT',
    url: (i) => `/api/walks/${i.walk}/observers`,
    body: () => ({ observerIds: [] }),
  },
  'POST /api/walks/{walkId}/visits/{visitId}/cancel': {
    method: 'POST',
    url: (i) => `/api/walks/${i.walk}/visits/${i.visit2}/cancel`,
    body: () => ({ reason: 'Isolation test' }),
  },
  // The admin is not the visited teacher: own ids answer 403, never 404.
  'POST /api/me/visits/{visitId}/decline': {
    method: 'POST',
    url: (i) => `/api/me/visits/${i.visit}/decline`,
    body: () => ({ note: '' }),
  },
  'DELETE /api/walks/{walkId}/visits/{visitId}': {
    method: 'DELETE',
    url: (i) => `/api/walks/${i.walk}/visits/${i.visit}`,
  },
  'POST /api/walks/{walkId}/publish': {
    method: 'POST',
    url: (i) => `/api/walks/${i.walk}/publish`,
  },
  'POST /api/walks/{walkId}/cancel': {
    method: 'POST',
    url: (i) => `/api/walks/${i.walk}/cancel`,
    body: () => ({ reason: 'Isolation test' }),
  },
  // Reviews with staff (rule 11). The admin is not on a school's staff: answering is 403.
  'GET /api/schools/{schoolId}/reviews': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/reviews`,
  },
  'POST /api/schools/{schoolId}/reviews': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/reviews`,
    body: () => ({
      title: 'Isolation',
      from: '2026-11-02',
      to: '2026-11-20',
      pulseClosesOn: '2026-12-04',
    }),
  },
  'GET /api/reviews/{reviewId}': { method: 'GET', url: (i) => `/api/reviews/${i.review}` },
  'POST /api/reviews/{reviewId}/pulse': {
    method: 'POST',
    url: (i) => `/api/reviews/${i.review}/pulse`,
    body: () => ({ walks: 'same', supportive: 'yes' }),
  },
  'POST /api/reviews/{reviewId}/pulse/close': {
    method: 'POST',
    url: (i) => `/api/reviews/${i.review}/pulse/close`,
  },
  'PUT /api/reviews/{reviewId}/notes': {
    method: 'PUT',
    url: (i) => `/api/reviews/${i.review}/notes`,
    body: () => ({ notes: 'Isolation notes.' }),
  },
  'POST /api/reviews/{reviewId}/close': {
    method: 'POST',
    url: (i) => `/api/reviews/${i.review}/close`,
    body: () => ({ notes: 'Isolation notes.' }),
  },
  // Concerns (rule 12, issue 16). The admin handles the concern (the trust's named person), so
  // own ids are found; steps that are not theirs answer 403, never 404.
  'GET /api/schools/{schoolId}/concerns': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/concerns`,
  },
  'POST /api/schools/{schoolId}/concerns': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/concerns`,
    body: () => ({ kind: 'other', summary: 'Iso', details: 'Isolation concern.', aboutHead: true }),
  },
  'PUT /api/schools/{schoolId}/concern-settings': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/concern-settings`,
    body: () => ({ headPersonId: null, acknowledgeSchoolDays: 5 }),
  },
  'GET /api/concerns/{concernId}': { method: 'GET', url: (i) => `/api/concerns/${i.concern}` },
  'POST /api/concerns/{concernId}/support': {
    method: 'POST',
    url: (i) => `/api/concerns/${i.concern}/support`,
    body: () => ({ confirm: true }),
  },
  'POST /api/concerns/{concernId}/acknowledge': {
    method: 'POST',
    url: (i) => `/api/concerns/${i.concern}/acknowledge`,
  },
  'POST /api/concerns/{concernId}/answer': {
    method: 'POST',
    url: (i) => `/api/concerns/${i.concern}/answer`,
    body: () => ({ response: 'Isolation answer.', outcome: 'explained' }),
  },
  'POST /api/concerns/{concernId}/decision': {
    method: 'POST',
    url: (i) => `/api/concerns/${i.concern}/decision`,
    body: () => ({ decision: 'accept' }),
  },
  'POST /api/concerns/{concernId}/escalation-answer': {
    method: 'POST',
    url: (i) => `/api/concerns/${i.concern}/escalation-answer`,
    body: () => ({ response: 'Isolation answer.', outcome: 'explained' }),
  },
  // Self-evaluation of walk practice (issue 16).
  'GET /api/schools/{schoolId}/self-evaluations': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/self-evaluations`,
  },
  'POST /api/schools/{schoolId}/self-evaluations': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/self-evaluations`,
    body: () => ({ label: 'Isolation', from: '2026-09-02', to: '2026-12-18' }),
  },
  'GET /api/self-evaluations/{selfEvaluationId}': {
    method: 'GET',
    url: (i) => `/api/self-evaluations/${i.selfEvaluation}`,
  },
  'PUT /api/self-evaluations/{selfEvaluationId}/statements/{statementId}': {
    method: 'PUT',
    url: (i) => `/api/self-evaluations/${i.selfEvaluation}/statements/two_observers`,
    body: () => ({ rating: 'in_place', comment: 'Isolation.' }),
  },
  'POST /api/self-evaluations/{selfEvaluationId}/complete': {
    method: 'POST',
    url: (i) => `/api/self-evaluations/${i.selfEvaluation}/complete`,
  },
  'POST /api/self-evaluations/{selfEvaluationId}/statements/{statementId}/action': {
    method: 'POST',
    url: (i) => `/api/self-evaluations/${i.selfEvaluation}/statements/open_door/action`,
    body: (i) => ({
      title: 'Isolation action',
      ownerId: i.person,
      dueOn: '2027-01-29',
      priorityId: i.priority,
    }),
  },
  // Practice library (issue 16). The admin is not the visited teacher: answering is 403.
  'GET /api/schools/{schoolId}/practice-library': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/practice-library`,
  },
  'POST /api/debriefs/{debriefId}/practice-examples': {
    method: 'POST',
    url: (i) => `/api/debriefs/${i.debrief}/practice-examples`,
    body: (i) => ({
      visitId: i.recordVisit,
      lookFor: 'Reading aloud',
      title: 'Isolation example',
      body: 'Isolation example.',
    }),
  },
  'POST /api/practice-examples/{exampleId}/answer': {
    method: 'POST',
    url: (i) => `/api/practice-examples/${i.practiceExample}/answer`,
    body: () => ({ agree: true }),
  },
  // Feedback conversations (issue 16), on the recorded visit (the draft walk's visit is removed
  // by another route). The admin neither observes nor teaches: own ids are 403.
  'GET /api/walks/{walkId}/feedback': {
    method: 'GET',
    url: (i) => `/api/walks/${i.walk}/feedback`,
  },
  'PUT /api/visits/{visitId}/feedback': {
    method: 'PUT',
    url: (i) => `/api/visits/${i.recordVisit}/feedback`,
    body: () => ({ times: ['2027-01-05T15:30:00Z'] }),
  },
  'POST /api/visits/{visitId}/feedback/answer': {
    method: 'POST',
    url: (i) => `/api/visits/${i.recordVisit}/feedback/answer`,
    body: () => ({ written: true }),
  },
  'POST /api/visits/{visitId}/feedback/held': {
    method: 'POST',
    url: (i) => `/api/visits/${i.recordVisit}/feedback/held`,
  },
  // Single sign-on and MFA (issue 13). The teacher has no MFA: own ids answer 409, never 404.
  'POST /api/people/{personId}/mfa/reset': {
    method: 'POST',
    url: (i) => `/api/people/${i.person}/mfa/reset`,
  },
  'PUT /api/trust/sso-providers/{providerId}': {
    method: 'PUT',
    url: (i) => `/api/trust/sso-providers/${i.ssoProvider}`,
    body: () => ({
      displayName: 'Isolation Entra',
      kind: 'entra',
      issuerUrl: 'https://login.microsoftonline.com/isolation/v2.0',
      clientId: 'isolation',
      allowedDomains: ['isolation.test'],
    }),
  },
  'DELETE /api/trust/sso-providers/{providerId}': {
    method: 'DELETE',
    url: (i) => `/api/trust/sso-providers/${i.ssoProvider}`,
  },
  // Site walks (issue 14). The guest's routes come first: a new guest link (below) ends the
  // guest's session. Photos, CSV and PDF answer 304 to If-None-Match: * once found.
  'PUT /api/site-guest/findings/{findingId}': {
    method: 'PUT',
    url: (i) => `/api/site-guest/findings/${i.siteGuestFinding}`,
    body: (i) => ({
      walkId: i.siteWalk,
      placeId: i.sitePlace,
      itemId: i.siteItem,
      outcome: 'satisfactory',
    }),
    headers: {
      get authorization() {
        return `Guest ${siteGuestToken}`;
      },
    },
  },
  'PUT /api/site-guest/findings/{findingId}/photos/{photoId}': {
    method: 'PUT',
    url: (i) => `/api/site-guest/findings/${i.siteGuestFinding}/photos/${i.sitePhoto}`,
    body: () => 'not a jpeg',
    headers: {
      'content-type': 'image/jpeg',
      get authorization() {
        return `Guest ${siteGuestToken}`;
      },
    },
  },
  'GET /api/schools/{schoolId}/estate': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/estate`,
  },
  'POST /api/schools/{schoolId}/estate': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/estate`,
    body: () => ({ name: `Iso area ${++siteAreas}`, building: 'Iso', floor: 0, kind: 'stairs' }),
  },
  'PUT /api/schools/{schoolId}/estate/{roomId}': {
    method: 'PUT',
    url: (i) => `/api/schools/${i.school}/estate/${i.sitePlace}`,
    body: () => ({ kind: 'corridor' }),
  },
  'GET /api/schools/{schoolId}/site-walks': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/site-walks`,
  },
  'POST /api/schools/{schoolId}/site-walks': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/site-walks`,
    body: (i) => siteWalkBody(i, '2026-12-02'),
  },
  'GET /api/site-walks/{walkId}': {
    method: 'GET',
    url: (i) => `/api/site-walks/${i.siteWalk}`,
  },
  'POST /api/site-walks/{walkId}/publish': {
    method: 'POST',
    url: (i) => `/api/site-walks/${i.siteWalk}/publish`,
  },
  'GET /api/site-walks/{walkId}/checklist': {
    method: 'GET',
    url: (i) => `/api/site-walks/${i.siteWalk}/checklist`,
  },
  'POST /api/site-walks/{walkId}/guests/{guestId}/link': {
    method: 'POST',
    url: (i) => `/api/site-walks/${i.siteWalk}/guests/${i.siteGuest}/link`,
  },
  'PUT /api/site-findings/{findingId}': {
    method: 'PUT',
    url: (i) => `/api/site-findings/${i.siteFinding}`,
    body: (i) => siteFindingBody(i),
  },
  'PUT /api/site-findings/{findingId}/photos/{photoId}': {
    method: 'PUT',
    url: (i) => `/api/site-findings/${i.siteFinding}/photos/${i.sitePhoto}`,
    body: () => 'not a jpeg',
    headers: { 'content-type': 'image/jpeg' },
  },
  'GET /api/site-photos/{photoId}': {
    method: 'GET',
    url: (i) => `/api/site-photos/${i.sitePhoto}`,
    headers: { 'if-none-match': '*' },
  },
  'POST /api/site-findings/{findingId}/action': {
    method: 'POST',
    url: (i) => `/api/site-findings/${i.siteFinding}/action`,
    body: () => ({ ownerName: 'Iso contractor' }),
  },
  'GET /api/schools/{schoolId}/site-actions': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/site-actions`,
  },
  'GET /api/site-actions/{actionId}': {
    method: 'GET',
    url: (i) => `/api/site-actions/${i.siteAction}`,
  },
  'PUT /api/site-actions/{actionId}': {
    method: 'PUT',
    url: (i) => `/api/site-actions/${i.siteAction}`,
    body: () => ({ title: 'Iso action, renamed' }),
  },
  'PUT /api/site-actions/{actionId}/photos/{photoId}': {
    method: 'PUT',
    url: (i) => `/api/site-actions/${i.siteAction}/photos/${i.sitePhoto}`,
    body: () => 'not a jpeg',
    headers: { 'content-type': 'image/jpeg' },
  },
  'POST /api/site-actions/{actionId}/close': {
    method: 'POST',
    url: (i) => `/api/site-actions/${i.siteAction}/close`,
    body: (i) => ({ note: 'Fixed for the isolation test.', photoId: i.sitePhoto }),
  },
  'POST /api/site-actions/{actionId}/verify': {
    method: 'POST',
    url: (i) => `/api/site-actions/${i.siteAction}/verify`,
    body: (i) => ({ walkId: i.siteWalk }),
  },
  'GET /api/schools/{schoolId}/site-schedules': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/site-schedules`,
  },
  'POST /api/schools/{schoolId}/site-schedules': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/site-schedules`,
    body: (i) => ({
      title: 'Iso inspection',
      cadence: 'termly',
      weekday: 2,
      windowStart: '08:00',
      windowEnd: '08:30',
      leadId: i.siteLead,
      checklistVersionId: i.siteChecklist,
      roomIds: [i.sitePlace],
      howResultsUsed: 'For the isolation test only.',
      namesRooms: true,
      startsOn: '2027-04-12',
    }),
  },
  'GET /api/schools/{schoolId}/site-dashboard': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/site-dashboard`,
  },
  'GET /api/schools/{schoolId}/site-report.csv': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/site-report.csv`,
    headers: { 'if-none-match': '*' },
  },
  'GET /api/schools/{schoolId}/site-report.pdf': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/site-report.pdf`,
    headers: { 'if-none-match': '*' },
  },
  // Issue 15. The admin is not the host school's head: answering a proposal is 403.
  'POST /api/visiting-walks/{walkId}/decision': {
    method: 'POST',
    url: (i) => `/api/visiting-walks/${i.visitingWalk}/decision`,
    body: () => ({ agree: true }),
  },
  'GET /api/training/versions/{versionId}': {
    method: 'GET',
    url: (i) => `/api/training/versions/${i.version}`,
  },
  'POST /api/training/versions/{versionId}/guidance': {
    method: 'POST',
    url: (i) => `/api/training/versions/${i.version}/guidance`,
  },
  'POST /api/training/versions/{versionId}/exercise': {
    method: 'POST',
    url: (i) => `/api/training/versions/${i.version}/exercise`,
    body: () => ({ text: 'Pupils were reading aloud in pairs.' }),
  },
  'GET /api/training/scenes/{sceneId}': {
    method: 'GET',
    url: (i) => `/api/training/scenes/${i.scene}`,
  },
  'POST /api/training/scenes/{sceneId}/attempts': {
    method: 'POST',
    url: (i) => `/api/training/scenes/${i.scene}/attempts`,
    body: () => ({ answers: {} }),
  },
  // Data protection (issue 17): a subject-access export of the teacher.
  'POST /api/people/{personId}/subject-access': {
    method: 'POST',
    url: (i) => `/api/people/${i.person}/subject-access`,
  },
  // Issue 15: moderation sessions. The admin takes part in trust A's session and may run it.
  'GET /api/moderation-sessions/{sessionId}': {
    method: 'GET',
    url: (i) => `/api/moderation-sessions/${i.moderationSession}`,
  },
  'PUT /api/moderation-sessions/{sessionId}/scenes/{sceneId}/reading': {
    method: 'PUT',
    url: (i) => `/api/moderation-sessions/${i.moderationSession}/scenes/${i.scene}/reading`,
    body: () => ({ answers: {} }),
  },
  'POST /api/moderation-sessions/{sessionId}/reveal': {
    method: 'POST',
    url: (i) => `/api/moderation-sessions/${i.moderationSession}/reveal`,
  },
  'PUT /api/moderation-sessions/{sessionId}/agreed/{lookForId}': {
    method: 'PUT',
    url: (i) => `/api/moderation-sessions/${i.moderationSession}/agreed/${i.moderationLookFor}`,
    body: () => ({ text: 'Most pupils read aloud to a partner.' }),
  },
  'POST /api/moderation-sessions/{sessionId}/guidance': {
    method: 'POST',
    url: (i) => `/api/moderation-sessions/${i.moderationSession}/guidance`,
  },
  // Peer walks (issue 15). The admin is no observer of the walk: writing a reflection is 403.
  // The reflection is the admin's own; the teacher is added, then taken off, the peer list.
  'GET /api/schools/{schoolId}/peer-observers': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/peer-observers`,
  },
  'POST /api/schools/{schoolId}/peer-observers': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/peer-observers`,
    body: (i) => ({ personId: i.person }),
  },
  'DELETE /api/schools/{schoolId}/peer-observers/{personId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/peer-observers/${i.person}`,
  },
  'GET /api/walks/{walkId}/my-reflection': {
    method: 'GET',
    url: (i) => `/api/walks/${i.walk}/my-reflection`,
  },
  'PUT /api/walks/{walkId}/my-reflection': {
    method: 'PUT',
    url: (i) => `/api/walks/${i.walk}/my-reflection`,
    body: () => ({ body: 'Isolation.', ideas: [] }),
  },
  'GET /api/reflections/{reflectionId}': {
    method: 'GET',
    url: (i) => `/api/reflections/${i.reflection}`,
  },
  'PUT /api/reflections/{reflectionId}/coach': {
    method: 'PUT',
    url: (i) => `/api/reflections/${i.reflection}/coach`,
    body: () => ({ coachId: null }),
  },
};

function siteWalkBody(i: Ids, date: string) {
  return {
    date,
    windowStart: '09:00',
    windowEnd: '10:00',
    leadId: i.siteLead,
    checklistVersionId: i.siteChecklist,
    howResultsUsed: 'For the isolation test only.',
    namesRooms: false,
    places: [{ roomId: i.sitePlace }],
    guests: [{ name: 'Iso guest', organisation: 'Iso council' }],
  };
}

function siteFindingBody(i: Ids) {
  return {
    walkId: i.siteWalk,
    placeId: i.sitePlace,
    itemId: i.siteItem,
    outcome: 'needs_attention',
    likelihood: 2,
    severity: 2,
    notes: 'Isolation finding.',
  };
}

describe('tenant isolation across every route with an id', () => {
  let t: TestApp;
  const ids = new Map<string, Ids>();
  const admins = new Map<string, Client>();
  const trusts = new Map<string, TestTrust>();

  /** A programme in consultation with a comment, a draft walk with a visit, an open invitation. */
  async function setUpWalks(trust: TestTrust, admin: Client, focusId: string) {
    const school = trust.school('North');
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    const programme = await admin.post(`/api/schools/${school}/programmes`, {
      title: 'Iso walks',
      startsOn: '2026-09-02',
      endsOn: '2026-12-18',
    });
    expect(programme.status).toBe(201);
    const programmeId = programme.body.programme.id as string;
    expect(
      (await admin.post(`/api/programmes/${programmeId}/status`, { to: 'consultation' })).status,
    ).toBe(200);
    const commented = await teacher.post(`/api/programmes/${programmeId}/comments`, { body: 'Hi' });
    expect(commented.status).toBe(201);
    const planned = await admin.post(`/api/programmes/${programmeId}/planned-walks`, {
      walks: [{ date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00', focusTitle: 'Iso' }],
    });
    expect(planned.status).toBe(201);
    // An amendment row as an agreed programme would have (this one is still in consultation).
    const amendment = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .insertInto('programme_amendments')
        .values({
          trust_id: trust.trustId,
          programme_id: programmeId,
          summary: 'Isolation amendment',
          opened_at: new Date('2026-11-23T09:00:00Z'),
        })
        .returning('amendment_id')
        .executeTakeFirstOrThrow(),
    );
    const timetable = await teacher.get(
      `/api/schools/${school}/people/${trust.person(trust.email('teacher'))}/timetable`,
    );
    const lessons = timetable.body.lessons as { id: string; weekday: number }[];
    const monday = lessons.find((l) => l.weekday === 1)!.id;
    const tuesday = lessons.find((l) => l.weekday === 2)!.id;
    const walk = await admin.post(`/api/schools/${school}/walks`, {
      programmeId: null,
      offProgrammeReason: 'A walk outside the programme, for this test.',
      date: '2026-11-30',
      windowStart: '09:00',
      windowEnd: '10:00',
      focusId,
      focusTitle: 'Reading',
      purpose: 'To see how pupils read aloud across subjects.',
      observerIds: [trust.person(trust.email('school_leader'))],
    });
    expect(walk.status).toBe(201);
    const walkId = walk.body.walk.id as string;
    const observerTimetable = await admin.get(
      `/api/schools/${school}/people/${trust.person(trust.email('observer'))}/timetable`,
    );
    const observerMonday = (
      observerTimetable.body.lessons as { id: string; weekday: number }[]
    ).find((l) => l.weekday === 1)!.id;
    const visited = await admin.post(`/api/walks/${walkId}/visits`, {
      visits: [{ lessonId: monday }, { lessonId: observerMonday }],
    });
    expect(visited.status).toBe(200);
    const visitOf = (lessonId: string) =>
      (visited.body.visits as { id: string; lessonId: string }[]).find(
        (v) => v.lessonId === lessonId,
      )!.id;
    const invitation = await teacher.post(`/api/schools/${school}/invitations`, {
      lessonId: tuesday,
      date: '2026-12-01',
    });
    expect(invitation.status).toBe(201);
    return {
      programme: programmeId,
      comment: commented.body.comments[0].id as string,
      plannedWalk: planned.body.plannedWalks[0].id as string,
      amendment: amendment.amendment_id,
      walk: walkId,
      visit: visitOf(monday),
      visit2: visitOf(observerMonday),
      lesson: monday,
      invitation: invitation.body.id as string,
    };
  }

  /** A published walk (written by the factory) with a record and a photo by its observer. */
  async function setUpRecords(trust: TestTrust) {
    // In the South school, so the North school's foci stay as the set-up made them.
    const walk = await createTestWalk(t.db, trust, {
      school: 'South',
      teacherIds: [trust.person(trust.email('teacher', 'South'))],
      visits: [{ invited: true }],
    });
    const observer = new Client(t.baseUrl);
    await observer.signIn(trust.email('observer', 'South'));
    const record = crypto.randomUUID();
    const put = await observer.request('PUT', `/api/records/${record}`, {
      visitId: walk.visitIds[0],
      baseVersion: null,
      body: { answers: [], notes: 'Pupils were reading.', studentVoice: [] },
    });
    expect(put.status).toBe(201);
    const photo = crypto.randomUUID();
    const stored = await fetch(`${t.baseUrl}/api/records/${record}/photos/${photo}`, {
      method: 'PUT',
      headers: {
        'content-type': 'image/jpeg',
        cookie: observer.cookie!,
        'x-csrf-token': observer.csrfToken!,
      },
      body: Buffer.from(tinyJpeg()),
    });
    expect(stored.status).toBe(201);
    return { record, photo, recordVisit: walk.visitIds[0]!, recordWalk: walk.walkId };
  }

  /** After the walk (issue 7): hand-in, a teacher's flag, a debrief, a priority and an action. */
  async function setUpAfterTheWalk(
    trust: TestTrust,
    admin: Client,
    captured: { record: string; recordVisit: string; recordWalk: string },
  ) {
    const observer = new Client(t.baseUrl);
    await observer.signIn(trust.email('observer', 'South'));
    expect((await observer.post(`/api/walks/${captured.recordWalk}/records/hand-in`)).status).toBe(
      200,
    );
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher', 'South'));
    const flag = await teacher.post(`/api/visits/${captured.recordVisit}/flags`, {
      recordId: captured.record,
      item: 'notes',
      explanation: 'Pupils were writing, not reading.',
    });
    expect(flag.status, JSON.stringify(flag.body)).toBe(201);
    const debrief = await admin.post(`/api/schools/${trust.school('South')}/debriefs`, {
      walkIds: [captured.recordWalk],
    });
    expect(debrief.status, JSON.stringify(debrief.body)).toBe(201);
    const priority = await admin.post(`/api/schools/${trust.school('North')}/priorities`, {
      title: 'Iso priority',
    });
    expect(priority.status).toBe(201);
    const action = await admin.post(`/api/schools/${trust.school('North')}/actions`, {
      title: 'Iso action',
      ownerId: trust.person(trust.email('teacher')),
      dueOn: '2026-12-01',
      priorityId: priority.body.id,
    });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    return {
      recordVisit: captured.recordVisit,
      flag: flag.body.id as string,
      debrief: debrief.body.id as string,
      priority: priority.body.id as string,
      action: action.body.id as string,
    };
  }

  /** A notice for the admin, and (for the first trust) a calendar feed of theirs. */
  async function setUpNotices(trust: TestTrust) {
    const admin = admins.get(trust.fixture.slug)!;
    if (!feedSecret) {
      const feed = await admin.post('/api/me/calendar-feed');
      expect(feed.status).toBe(201);
      feedSecret = new URL(feed.body.url).pathname.split('.')[1]!;
    }
    const notice = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .insertInto('notices')
        .values({
          trust_id: trust.trustId,
          person_id: trust.person(trust.email('trust_admin')),
          kind: 'walk_published',
          title: 'Isolation notice',
          body: 'For the isolation test.',
          created_at: new Date(),
        })
        .returning('notice_id')
        .executeTakeFirstOrThrow(),
    );
    const term = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('school_terms')
        .select('term_id')
        .where('school_id', '=', trust.school('North'))
        .where('name', '=', 'Autumn 2026')
        .executeTakeFirstOrThrow(),
    );
    return { notice: notice.notice_id, trust: trust.trustId, reportTerm: term.term_id };
  }

  /** School set-up (issue 3): a room, subject, year group, period, term and holiday of its own, and a lesson using them. */
  async function setUpSchoolSetup(trust: TestTrust, admin: Client) {
    const school = `/api/schools/${trust.school('North')}`;
    const made = async (path: string, body: unknown) => {
      const res = await admin.post(`${school}/${path}`, body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
      return res.body;
    };
    const room = (await made('rooms', { name: 'Iso room', building: 'Annexe', floor: 1 })).room.id;
    const department = (await made('departments', { name: 'Iso subject' })).department.id;
    const yearGroup = (await made('year-groups', { name: 'Iso year' })).yearGroup.id;
    const period = (
      await made('periods', { name: 'Iso period', startsAt: '16:00', endsAt: '17:00' })
    ).id;
    const term = (
      await made('terms', { name: 'Iso term', startsOn: '2028-09-04', endsOn: '2028-12-15' })
    ).term.id;
    const closure = (
      await made('closures', {
        kind: 'holiday',
        label: 'Iso day',
        startsOn: '2027-08-02',
        endsOn: '2027-08-02',
      })
    ).closure.id;
    const setUp = { room, department, yearGroup, period, term, closure };
    const person = trust.person(trust.email('teacher'));
    const lesson = await made('lessons', isoLesson({ ...setUp, person } as Ids));
    return { ...setUp, setupLesson: lesson.lesson.id as string };
  }

  async function setUp(trust: TestTrust) {
    const admin = new Client(t.baseUrl);
    await admin.signIn(trust.email('trust_admin'));
    admins.set(trust.fixture.slug, admin);
    const created = await admin.post('/api/frameworks', { name: 'Isolation', kind: 'learning' });
    expect(created.status).toBe(201);
    const framework = created.body.framework.id as string;
    expect(
      (await admin.request('PUT', `/api/frameworks/${framework}/draft`, draftBody)).status,
    ).toBe(200);
    const published = await admin.post(`/api/frameworks/${framework}/draft/publish`);
    expect(published.status).toBe(200);
    const lookFor = published.body.body.lenses[0].lookFors[0].id as string;
    const school = trust.school('North');
    const focus = await admin.post(`/api/schools/${school}/foci`, {
      title: 'Reading',
      purpose: 'To see how pupils read aloud across subjects.',
      versionId: published.body.version.id,
      lookForIds: [lookFor],
    });
    expect(focus.status).toBe(201);
    const walks = await setUpWalks(trust, admin, focus.body.focus?.id ?? focus.body.id);
    const { recordWalk: _w, ...captured } = await setUpRecords(trust);
    const afterTheWalk = await setUpAfterTheWalk(trust, admin, { ...captured, recordWalk: _w });
    const setUpIds = await setUpSchoolSetup(trust, admin);
    const review = await admin.post(`/api/schools/${school}/reviews`, {
      title: 'Isolation review',
      from: '2026-09-02',
      to: '2026-11-20',
      pulseClosesOn: '2026-12-04',
    });
    expect(review.status).toBe(201);
    const concern = await setUpConcern(trust, admin);
    const selfEvaluation = await admin.post(`/api/schools/${school}/self-evaluations`, {
      label: 'Autumn 2026',
      from: '2026-09-02',
      to: '2026-12-18',
    });
    expect(selfEvaluation.status, JSON.stringify(selfEvaluation.body)).toBe(201);
    const notYet = await admin.request(
      'PUT',
      `/api/self-evaluations/${selfEvaluation.body.id}/statements/open_door`,
      { rating: 'not_yet', comment: '' },
    );
    expect(notYet.status).toBe(200);
    const practiceExample = await admin.post(
      `/api/debriefs/${afterTheWalk.debrief}/practice-examples`,
      {
        visitId: captured.recordVisit,
        lookFor: 'Reading aloud',
        title: 'Isolation example',
        body: 'Isolation example.',
      },
    );
    expect(practiceExample.status, JSON.stringify(practiceExample.body)).toBe(201);
    const ssoProvider = await admin.post('/api/trust/sso-providers', {
      displayName: 'Isolation Entra',
      kind: 'entra',
      issuerUrl: 'https://login.microsoftonline.com/isolation/v2.0',
      clientId: 'isolation',
      clientSecret: 'isolation-secret',
      allowedDomains: [`${trust.fixture.slug}.test`],
    });
    expect(ssoProvider.status).toBe(201);
    const visitingWalk = await admin.post('/api/visiting-walks', {
      hostSchoolId: school,
      date: '2027-01-12',
      windowStart: '09:00',
      windowEnd: '11:00',
      focusId: focus.body.focus?.id ?? focus.body.id,
      observerIds: [trust.person(trust.email('observer', 'South'))],
    });
    expect(visitingWalk.status, JSON.stringify(visitingWalk.body)).toBe(201);
    const scene = await admin.post('/api/training/scenes', {
      versionId: published.body.version.id,
      title: 'Isolation scene',
      scene: 'Most pupils read aloud to a partner.',
      reference: { [lookFor]: 'most' },
    });
    expect(scene.status, JSON.stringify(scene.body)).toBe(201);
    const moderation = await admin.post('/api/moderation-sessions', {
      title: 'Isolation moderation',
      heldOn: '2026-11-24',
      versionId: published.body.version.id,
      participantIds: [trust.person(trust.email('trust_admin'))],
      sceneIds: [scene.body.id],
    });
    expect(moderation.status, JSON.stringify(moderation.body)).toBe(201);
    ids.set(trust.fixture.slug, {
      school,
      person: trust.person(trust.email('teacher')),
      framework,
      version: published.body.version.id,
      focus: focus.body.focus?.id ?? focus.body.id,
      ...walks,
      ...captured,
      ...afterTheWalk,
      ...setUpIds,
      ...(await setUpNotices(trust)),
      review: review.body.id,
      concern,
      selfEvaluation: selfEvaluation.body.id,
      practiceExample: practiceExample.body.id,
      ssoProvider: ssoProvider.body.id,
      visitingWalk: visitingWalk.body.walkId,
      scene: scene.body.id,
      moderationSession: moderation.body.id,
      moderationLookFor: lookFor,
      ...(await setUpSiteWalks(trust, admin)),
      reflection: await setUpReflection(trust, walks.walk),
    });
  }

  /** Peer walks (issue 15): a reflection by the trust's admin on the walk, written directly. */
  function setUpReflection(trust: TestTrust, walkId: string) {
    return withTenant(t.db, trust.trustId, async (tx) => {
      const row = await tx
        .insertInto('walk_reflections')
        .values({
          trust_id: trust.trustId,
          walk_id: walkId,
          author_id: trust.person(trust.email('trust_admin')),
          body: 'Isolation reflection.',
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returning('reflection_id')
        .executeTakeFirstOrThrow();
      return row.reflection_id;
    });
  }

  /** Site walks (issue 14): a published site walk over a new area, a guest's and the admin's findings, an action with its photo. */
  async function setUpSiteWalks(trust: TestTrust, admin: Client) {
    const school = trust.school('North');
    const checklist = await admin.post('/api/frameworks', {
      name: 'Iso site audit',
      kind: 'health_and_safety',
      fromLibrary: 'health-and-safety',
    });
    expect(checklist.status).toBe(201);
    const published = await admin.post(
      `/api/frameworks/${checklist.body.framework.id}/draft/publish`,
    );
    expect(published.status).toBe(200);
    const area = await admin.post(`/api/schools/${school}/estate`, {
      name: 'Iso corridor',
      building: 'Iso',
      floor: 0,
      kind: 'corridor',
    });
    expect(area.status).toBe(201);
    const partial = {
      siteLead: trust.person(trust.email('site_manager')),
      siteChecklist: published.body.version.id as string,
      siteItem: published.body.body.lenses[0].lookFors[0].id as string,
      sitePlace: area.body.place.id as string,
    };
    const walk = await admin.post(
      `/api/schools/${school}/site-walks`,
      siteWalkBody(partial as Ids, '2026-11-30'),
    );
    expect(walk.status, JSON.stringify(walk.body)).toBe(201);
    const siteWalk = walk.body.siteWalk.id as string;
    expect((await admin.post(`/api/site-walks/${siteWalk}/publish`)).status).toBe(200);
    const siteGuest = walk.body.siteWalk.guests[0].id as string;
    const link = await admin.post(`/api/site-walks/${siteWalk}/guests/${siteGuest}/link`);
    const opened = await new Client(t.baseUrl).post('/api/site-guest/open', {
      link: link.body.url,
    });
    expect(opened.status).toBe(200);
    if (!siteGuestToken) siteGuestToken = opened.body.token;
    const siteGuestFinding = crypto.randomUUID();
    const guestFinding = await new Client(t.baseUrl).request(
      'PUT',
      `/api/site-guest/findings/${siteGuestFinding}`,
      {
        walkId: siteWalk,
        placeId: partial.sitePlace,
        itemId: partial.siteItem,
        outcome: 'not_applicable',
      },
      { authorization: `Guest ${opened.body.token}` },
    );
    expect(guestFinding.status, JSON.stringify(guestFinding.body)).toBe(201);
    const siteFinding = crypto.randomUUID();
    const ids = { ...partial, siteWalk } as Ids;
    const finding = await admin.request(
      'PUT',
      `/api/site-findings/${siteFinding}`,
      siteFindingBody(ids),
    );
    expect(finding.status, JSON.stringify(finding.body)).toBe(201);
    const action = await admin.post(`/api/site-findings/${siteFinding}/action`, {
      ownerName: 'Iso contractor',
    });
    expect(action.status, JSON.stringify(action.body)).toBe(200);
    const sitePhoto = crypto.randomUUID();
    const photo = await fetch(
      `${t.baseUrl}/api/site-actions/${action.body.action.id}/photos/${sitePhoto}`,
      {
        method: 'PUT',
        headers: {
          'content-type': 'image/jpeg',
          cookie: admin.cookie!,
          'x-csrf-token': admin.csrfToken!,
        },
        body: Buffer.from(tinyJpeg()),
      },
    );
    expect(photo.status).toBe(201);
    return {
      ...partial,
      siteWalk,
      siteGuest,
      siteFinding,
      siteGuestFinding,
      siteAction: action.body.action.id as string,
      sitePhoto,
    };
  }

  /** The admin is the trust's named person; the North teacher raises a concern about the head. */
  async function setUpConcern(trust: TestTrust, admin: Client) {
    const named = await admin.request('PUT', '/api/trust/concern-settings', {
      namedPersonId: trust.person(trust.email('trust_admin')),
      namedRole: 'trust_leader',
    });
    expect(named.status).toBe(200);
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    const raised = await teacher.post(`/api/schools/${trust.school('North')}/concerns`, {
      kind: 'notice',
      summary: 'Isolation',
      details: 'A concern for the isolation test.',
      aboutHead: true,
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    return raised.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    for (const slug of ['iso-a', 'iso-b']) {
      trusts.set(slug, await createTestTrust(t.db, slug));
      await setUp(trusts.get(slug)!);
    }
  });
  afterAll(() => t?.close());

  it('lists every parameterised route of the OpenAPI document', async () => {
    const doc = await new Client(t.baseUrl).get('/api/docs/json');
    const withIds = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(withIds.length).toBeGreaterThan(5);
    expect(withIds.filter((r) => !(r in routes))).toEqual([]);
  });

  it('has ids for both trusts (the set-up itself is a control)', () => {
    const a = ids.get('iso-a')!;
    const b = ids.get('iso-b')!;
    for (const key of Object.keys(a) as (keyof Ids)[]) {
      expect(a[key]).toMatch(/^[0-9a-f-]{36}$/);
      expect(b[key]).toMatch(/^[0-9a-f-]{36}$/);
      expect(a[key]).not.toBe(b[key]);
    }
  });

  for (const [name, call] of Object.entries(routes)) {
    it(`${name}: the other trust's ids → 404; own ids reach the resource`, async () => {
      const admin = admins.get('iso-a')!;
      const other = ids.get('iso-b')!;
      const own = ids.get('iso-a')!;
      const refused = await admin.request(
        call.method,
        call.url(other),
        call.body?.(other),
        call.headers,
      );
      expect(refused.status, 'other trust').toBe(404);
      expect(refused.body.error.code).toBe('not_found');
      // Positive control: the same call on A's own ids is not "not found" (it may be refused
      // for another reason, such as a focus on an unknown version, but it found the thing).
      const allowed = await admin.request(
        call.method,
        call.url(own),
        call.body?.(own),
        call.headers,
      );
      expect(allowed.status, `own trust: ${JSON.stringify(allowed.body)}`).not.toBe(404);
      expect(allowed.status).toBeLessThan(500);
    });
  }

  // Issue 13: the routes without ids. The checklist reads the caller's trust alone; the
  // set-up wizard makes nothing once any trust exists.
  it("the getting-started checklist shows only the caller's trust; the wizard is closed", async () => {
    const adminA = admins.get('iso-a')!;
    const b = ids.get('iso-b')!;
    const list = await adminA.get('/api/getting-started');
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    for (const id of Object.values(b)) expect(text).not.toContain(id);
    const ownSchools = new Set(
      (await adminA.get('/api/schools')).body.schools.map((s: { id: string }) => s.id),
    );
    const linked = [...text.matchAll(/\/schools\/([0-9a-f-]{36})/g)].map((m) => m[1]);
    expect(linked.length).toBeGreaterThan(0);
    for (const id of linked) expect(ownSchools.has(id)).toBe(true);

    const before = await t.db.selectFrom('auth_identities').select('email').execute();
    const anon = new Client(t.baseUrl);
    expect((await anon.get('/api/setup')).body).toEqual({ needed: false });
    const wizard = await anon.post('/api/setup', {
      kind: 'trust',
      name: 'Intruder Trust',
      admin: { fullName: 'Intruder', email: 'intruder@x.test' },
      signIn: { method: 'password', password: 'a long enough password' },
    });
    expect(wizard.status).toBe(409);
    expect(anon.cookie).toBeNull();
    expect(await t.db.selectFrom('auth_identities').select('email').execute()).toHaveLength(
      before.length,
    );
  });

  // Routes without an id to swap (issue 21): what they list must hold nothing of the other trust.
  it("GET /api/home/due: trust A's admin sees A's schools and none of B's ids", async () => {
    const admin = admins.get('iso-a')!;
    const res = await admin.get('/api/home/due');
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    // A positive control: A's two schools are counted.
    expect(res.body.picture.schools).toBe(2);
    for (const id of Object.values(ids.get('iso-b')!)) expect(text).not.toContain(id);
  });

  // Issue 13: a person's own two-step sign-in (no id: it is always the caller's, in their trust).
  it("turning off two-step sign-in and new recovery codes touch only the caller's own", async () => {
    const adminB = admins.get('iso-b')!;
    const started = await adminB.post('/api/me/mfa/start');
    const confirmed = await adminB.post('/api/me/mfa/confirm', {
      code: await totpAt(started.body.secret, t.clock.now()),
    });
    expect(confirmed.status).toBe(200);
    const adminA = admins.get('iso-a')!;
    for (const url of ['/api/me/mfa/turn-off', '/api/me/mfa/recovery-codes']) {
      const res = await adminA.post(url, { password: TEST_PASSWORD });
      expect(res.status, url).toBe(409);
      expect(res.body.error.code).toBe('mfa_not_on');
    }
    expect((await adminB.get('/api/me/mfa')).body).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
  });

  // Issue 13: the sign-in security lists have no id to swap; what they list is the caller's own.
  it('the sign-in security page and the provider list hold nothing of the other trust', async () => {
    const adminA = admins.get('iso-a')!;
    const a = ids.get('iso-a')!;
    const b = ids.get('iso-b')!;
    // A provider of A's made here (the route tests above may have removed the first one).
    const made = await adminA.post('/api/trust/sso-providers', {
      displayName: 'Isolation Google',
      kind: 'google',
      issuerUrl: 'https://accounts.google.com',
      clientId: 'isolation-google',
      clientSecret: 'isolation-secret',
      allowedDomains: ['iso-google.test'],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const providers = await adminA.get('/api/trust/sso-providers');
    expect(providers.status).toBe(200);
    expect(providers.body.providers.map((p: { id: string }) => p.id)).toContain(made.body.id);
    const security = await adminA.get('/api/trust/security');
    expect(security.status).toBe(200);
    // B's admin has two-step sign-in on (the test above); A's list holds nobody of B's.
    const adminB = admins.get('iso-b')!;
    const bSecurity = await adminB.get('/api/trust/security');
    expect(bSecurity.body.mfaPeople.length).toBeGreaterThan(0);
    const text = JSON.stringify([providers.body, security.body]);
    for (const id of Object.values(b)) expect(text).not.toContain(id);
    for (const p of bSecurity.body.mfaPeople) expect(text).not.toContain(p.personId);
    // Single sign-on starts only with a provider of the trust named: B's under A's id is unknown.
    for (const body of [
      { trustId: a.trust, providerId: b.ssoProvider },
      { trustId: b.trust, providerId: made.body.id },
    ]) {
      const started = await new Client(t.baseUrl).post('/api/auth/sso/start', body);
      expect(started.status).toBe(404);
      expect(started.body.error.code).toBe('not_found');
    }
  });

  // Issue 15: walks across schools. Once North's head agrees, South's observer visits North for
  // that walk only: the walk is theirs to open, nothing else of North exists for them (404), and
  // nothing of the other trust either.
  it('a visiting observer reaches their walk in the host school and nothing else of it', async () => {
    const trustA = ids.get('iso-a')!;
    const b = ids.get('iso-b')!;
    const head = new Client(t.baseUrl);
    await head.signIn('school_leader@iso-a-north.test');
    const agreed = await head.post(`/api/visiting-walks/${trustA.visitingWalk}/decision`, {
      agree: true,
    });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    const visitor = new Client(t.baseUrl);
    await visitor.signIn('observer@iso-a-south.test');
    const own = await visitor.get(`/api/walks/${trustA.visitingWalk}`);
    expect(own.status).toBe(200);
    const list = await visitor.get('/api/visiting-walks');
    expect(list.body.walks.map((w: { walkId: string }) => w.walkId)).toEqual([trustA.visitingWalk]);
    for (const url of [
      `/api/schools/${trustA.school}/rooms`,
      `/api/schools/${trustA.school}/insights`,
      `/api/schools/${trustA.school}/foci`,
      `/api/schools/${trustA.school}/staff`,
      `/api/walks/${trustA.walk}`,
      `/api/walks/${trustA.walk}/capture`,
      `/api/visits/${trustA.visit}/records`,
      `/api/walks/${b.visitingWalk}`,
      `/api/visits/${b.recordVisit}/records`,
      `/api/debriefs/${b.debrief}`,
      `/api/schools/${trustA.school}/debriefs`,
    ]) {
      const res = await visitor.get(url);
      expect([url, res.status]).toEqual([url, 404]);
    }
    // A debrief of North's own walk, even one listing the visitor, is beyond their walk (issue 15).
    const me = (await visitor.get('/api/me')).body;
    const trustId = me.trust.id as string;
    const northDebrief = await withTenant(t.db, trustId, async (tx) => {
      const d = await tx
        .insertInto('debriefs')
        .values({
          trust_id: trustId,
          school_id: trustA.school,
          title: 'North’s own debrief',
          focus_title: 'Reading',
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returning('debrief_id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('debrief_walks')
        .values({
          trust_id: trustId,
          school_id: trustA.school,
          debrief_id: d.debrief_id,
          walk_id: trustA.walk,
        })
        .execute();
      await tx
        .insertInto('debrief_participants')
        .values({
          trust_id: trustId,
          debrief_id: d.debrief_id,
          person_id: me.person.id,
          part: 'observer',
          invited_at: new Date(),
        })
        .execute();
      return d.debrief_id;
    });
    expect((await visitor.get(`/api/debriefs/${northDebrief}`)).status).toBe(404);
    expect((await head.get(`/api/debriefs/${northDebrief}`)).status).toBe(200);
    const answer = await visitor.post(`/api/visiting-walks/${trustA.visitingWalk}/decision`, {
      agree: false,
      reason: 'Not mine to answer.',
    });
    expect(answer.status).toBe(404);
  });

  // Issue 15: the list of moderation sessions has no id to swap; it holds the caller's trust alone.
  it("GET /api/moderation-sessions lists A's session and nothing of B's", async () => {
    const res = await admins.get('iso-a')!.get('/api/moderation-sessions');
    expect(res.status).toBe(200);
    expect(res.body.sessions.map((s: { id: string }) => s.id)).toContain(
      ids.get('iso-a')!.moderationSession,
    );
    const text = JSON.stringify(res.body);
    for (const id of Object.values(ids.get('iso-b')!)) expect(text).not.toContain(id);
  });

  // Peer walks (issue 15): a teacher North chose as a peer observer, named on a walk, reads
  // their walk; another walk's capture is refused, the dashboard is refused, and nothing of the
  // other trust exists for them.
  it('a peer observer reaches their walk and nothing more, and nothing of the other trust', async () => {
    const trustA = ids.get('iso-a')!;
    const b = ids.get('iso-b')!;
    const head = new Client(t.baseUrl);
    await head.signIn('school_leader@iso-a-north.test');
    // The site manager: the routes above change the teacher's account.
    const peerId = trusts.get('iso-a')!.person('site_manager@iso-a-north.test');
    const listed = await head.post(`/api/schools/${trustA.school}/peer-observers`, {
      personId: peerId,
    });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const peerWalk = await createTestWalk(t.db, trusts.get('iso-a')!, {
      date: '2027-01-13',
      observerIds: [peerId],
      teacherIds: [trusts.get('iso-a')!.person('school_leader@iso-a-north.test')],
    });
    const teacher = new Client(t.baseUrl);
    await teacher.signIn('site_manager@iso-a-north.test');
    expect((await teacher.get(`/api/walks/${peerWalk.walkId}/capture`)).status).toBe(200);
    expect((await teacher.get(`/api/walks/${peerWalk.walkId}/my-reflection`)).status).toBe(200);
    for (const url of [
      `/api/walks/${trustA.walk}/capture`,
      `/api/walks/${trustA.walk}/my-reflection`,
      `/api/schools/${trustA.school}/insights`,
      `/api/schools/${trustA.school}/peer-observers`,
    ]) {
      const res = await teacher.get(url);
      expect([url, res.status]).toEqual([url, 403]);
    }
    for (const url of [
      `/api/reflections/${trustA.reflection}`,
      `/api/reflections/${b.reflection}`,
      `/api/walks/${b.walk}/my-reflection`,
      `/api/schools/${b.school}/peer-observers`,
    ]) {
      const res = await teacher.get(url);
      expect([url, res.status]).toEqual([url, 404]);
    }
  });

  it("left the other trust's framework and focus untouched", async () => {
    const b = ids.get('iso-b')!;
    const adminB = admins.get('iso-b')!;
    const version = await adminB.get(`/api/frameworks/${b.framework}/versions/1`);
    expect(version.status).toBe(200);
    expect(version.body.version.status).toBe('published');
    expect((await adminB.get(`/api/frameworks/${b.framework}/versions/2`)).status).toBe(404);
    const foci = await adminB.get(`/api/schools/${b.school}/foci`);
    expect(foci.body.foci.map((f: { id: string }) => f.id)).toEqual([b.focus]); // none added by A
    expect(foci.body.schoolLookFors).toEqual([]);
  });
});
