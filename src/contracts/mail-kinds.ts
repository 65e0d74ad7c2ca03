import type { NoticeKind } from './notices.ts';

/**
 * Every kind of mail the app sends (issue 21). A mail about a person's own work always has an
 * in-app notice too, with a link to where it is done: `mailKindNotice` names that notice's kind,
 * and the server writes both in one place (mail/tell.ts). Only mail carrying a sign-in or
 * invitation link has no notice: it is about getting in, and the app cannot show it to
 * someone who is not signed in.
 */
export const mailKindNotice = {
  sign_in_link: null,
  account_invitation: null,
  walk_published: 'walk_published',
  visit_moved: 'visit_moved',
  visit_added: 'visit_added',
  visit_cancelled: 'visit_cancelled',
  walk_cancelled: 'walk_cancelled',
  observers_changed: 'observers_changed',
  observer_left: 'observer_left',
  programme_published: 'programme_published',
  consultation_opened: 'consultation_opened',
  amendment_opened: 'amendment_opened',
  programme_comment: 'programme_comment',
  records_handed_in: 'records_handed_in',
  record_response: 'record_response',
  record_flagged: 'record_flagged',
  flag_settled: 'flag_settled',
  visit_shared: 'visit_shared',
  debrief_invited: 'debrief_invited',
  action_assigned: 'action_assigned',
  action_due: 'action_due',
  review_opened: 'review_opened',
  review_due: 'review_due',
  // Concerns (issue 16): the mail says a step happened and links to it, never what it says.
  concern_raised: 'concern_raised',
  concern_support_asked: 'concern_support_asked',
  concern_updated: 'concern_updated',
  concern_overdue: 'concern_overdue',
  // Site walks (issue 14)
  site_walk_notice: 'site_walk_notice',
  site_urgent_alert: 'site_urgent_alert',
  site_action_assigned: 'site_action_assigned',
  site_action_overdue: 'site_action_overdue',
  site_walk_due: 'site_walk_due',
  // Issue 15: low agreement to the framework's owners; walks across schools
  agreement_low: 'agreement_low',
  visiting_walk_proposed: 'visiting_walk_proposed',
  visiting_walk_agreed: 'visiting_walk_agreed',
  visiting_walk_declined: 'visiting_walk_declined',
} as const satisfies Record<string, NoticeKind | null>;

export type MailKind = keyof typeof mailKindNotice;
export const mailKinds = Object.keys(mailKindNotice) as MailKind[];

/** Mail that carries a sign-in or invitation link: no notice, and the outbox withholds the link. */
export type CredentialMailKind = {
  [K in MailKind]: (typeof mailKindNotice)[K] extends null ? K : never;
}[MailKind];

/** Mail about the person's own work: always with its in-app notice. */
export type WorkMailKind = Exclude<MailKind, CredentialMailKind>;
