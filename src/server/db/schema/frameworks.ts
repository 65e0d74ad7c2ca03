import type { ColumnType, Generated } from 'kysely';
import type {
  AnswerKind,
  Audience,
  FrameworkKind,
  Guidance,
} from '../../../domain/frameworks/types.ts';
import type { CreatedAt, Json } from './columns.ts';

// Frameworks, versions, lenses, look-fors and school foci (migration 0002).

export interface FrameworksTable {
  trust_id: string;
  framework_id: Generated<string>;
  name: string;
  kind: FrameworkKind;
  description: string;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface FrameworkVersionsTable {
  trust_id: string;
  version_id: Generated<string>;
  framework_id: string;
  version_no: number;
  status: 'draft' | 'published';
  name: string;
  description: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  published_at: Date | null;
  published_by: string | null;
}

export interface FrameworkLensesTable {
  trust_id: string;
  lens_id: Generated<string>;
  version_id: string;
  key: string;
  name: string;
  description: string;
  position: number;
}

export interface FrameworkLookForsTable {
  trust_id: string;
  look_for_id: Generated<string>;
  version_id: string;
  lens_id: string;
  key: string;
  prompt: string;
  answer_kind: AnswerKind;
  audience: Audience;
  guidance: Json<Guidance>;
  continues_look_for_id: string | null;
  position: number;
}

export interface SchoolLookForsTable {
  trust_id: string;
  school_look_for_id: Generated<string>;
  school_id: string;
  prompt: string;
  answer_kind: AnswerKind;
  audience: Audience;
  lens_name: string;
  guidance: Json<Guidance>;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface FociTable {
  trust_id: string;
  focus_id: Generated<string>;
  school_id: string;
  version_id: string;
  title: string;
  purpose: string;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface FocusLookForsTable {
  trust_id: string;
  focus_id: string;
  look_for_id: string;
}

export interface FocusSchoolLookForsTable {
  trust_id: string;
  school_id: string;
  focus_id: string;
  school_look_for_id: string;
}
