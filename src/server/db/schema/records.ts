import type { ColumnType, Selectable } from 'kysely';
import type { RecordBody as RecordBodyJson } from '../../../domain/records/body.ts';
import type { CreatedAt, Json, Timestamp } from './columns.ts';
import type { PeopleTable, SchoolsTable } from './people-and-schools.ts';

// Records of visits, their versions after hand-in, and photos (migration 0008).
export interface RecordsTable {
  trust_id: string;
  /** Made on the device before anything is sent: the idempotency key. */
  record_id: string;
  school_id: string;
  walk_id: string;
  visit_id: string;
  observer_id: string;
  framework_version_id: string | null;
  version_no: number;
  /** The canonical record body (see domain/records/body.ts). */
  body: Json<RecordBodyJson>;
  /** sha256 of the canonical body. */
  body_hash: string;
  captured_at: Timestamp;
  handed_in_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Set when the retention run erased the record's text (0040); its answers stay. */
  erased_at: Timestamp | null;
}

export interface RecordVersionsTable {
  trust_id: string;
  record_id: string;
  version_no: number;
  body: Json<RecordBodyJson>;
  body_hash: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface RecordPhotosTable {
  trust_id: string;
  photo_id: string;
  record_id: string;
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
  bytes_hash: string;
  mime: 'image/jpeg';
  width: number;
  height: number;
  size: number;
  created_at: CreatedAt;
}

export type School = Selectable<SchoolsTable>;
export type Person = Selectable<PeopleTable>;
