import type { Generated } from 'kysely';
import type { noticeKinds } from '../../../contracts/notices.ts';
import type { Timestamp } from './columns.ts';

// In-app notices and private calendar feeds (migration 0009).
export type NoticeKind = (typeof noticeKinds)[number];

export interface NoticesTable {
  trust_id: string;
  notice_id: Generated<string>;
  person_id: string;
  school_id: string | null;
  kind: NoticeKind;
  title: string;
  body: string;
  /** A path in the web app ('/notices', '/schools/…'), never an outside address. */
  link: string | null;
  walk_id: string | null;
  visit_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface CalendarFeedsTable {
  trust_id: string;
  feed_id: Generated<string>;
  person_id: string;
  /** sha256 of the feed's secret; the secret itself is only in the URL given once. */
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  last_read_at: Timestamp | null;
}
