import type { ImportKind, Mapping, Problem, Sheet } from './types.ts';

/** One column we understand: our name for it, whether it must be there, and headings that mean it. */
export type FieldDef = {
  key: string;
  label: string;
  required: boolean;
  synonyms: string[];
  /** What goes in it, for the mapping editor and the docs. */
  hint: string;
};

export const fields: Record<ImportKind, FieldDef[]> = {
  staff: [
    {
      key: 'email',
      label: 'Email',
      required: true,
      synonyms: ['email address', 'e-mail', 'work email', 'school email', 'staff email', 'mail'],
      hint: 'Their school email address: how the same person is recognised next time.',
    },
    {
      key: 'fullName',
      label: 'Full name',
      required: false,
      synonyms: ['name', 'staff name', 'teacher name', 'display name', 'known as'],
      hint: 'As colleagues know them. Or give First name and Surname columns instead.',
    },
    {
      key: 'firstName',
      label: 'First name',
      required: false,
      synonyms: ['forename', 'given name', 'preferred forename', 'preferred first name'],
      hint: 'Used with Surname when the file has no Full name column.',
    },
    {
      key: 'lastName',
      label: 'Surname',
      required: false,
      synonyms: ['last name', 'family name', 'preferred surname', 'legal surname'],
      hint: 'Used with First name when the file has no Full name column.',
    },
    {
      key: 'title',
      label: 'Title',
      required: false,
      synonyms: ['salutation', 'honorific'],
      hint: 'Ms, Mr, Mx, Dr…: used in notices.',
    },
    {
      key: 'staffCode',
      label: 'Staff code',
      required: false,
      synonyms: [
        'initials',
        'teacher code',
        'staff initials',
        'teacher initials',
        'mis code',
        'mis id',
        'code',
        'short name',
        'staff id',
      ],
      hint: 'The MIS code the timetable uses for them ("JSM"): letters, digits, dots, hyphens.',
    },
    {
      key: 'roles',
      label: 'Roles',
      required: false,
      synonyms: ['role', 'access', 'learning walks role'],
      hint: 'Teacher, Observer, School leader, Site manager; several separated by ";". Empty: Teacher.',
    },
    {
      key: 'departments',
      label: 'Departments',
      required: false,
      synonyms: ['department', 'subject', 'subjects', 'faculty', 'faculties'],
      hint: 'The subjects they teach, separated by ";".',
    },
  ],
  rooms: [
    {
      key: 'name',
      label: 'Room',
      required: true,
      synonyms: ['room name', 'room code', 'name', 'room number', 'rooms'],
      hint: 'The room as the timetable names it ("SC101").',
    },
    {
      key: 'building',
      label: 'Building',
      required: false,
      synonyms: ['block', 'site', 'wing', 'building name'],
      hint: 'Which building, block or wing it is in.',
    },
    {
      key: 'floor',
      label: 'Floor',
      required: false,
      synonyms: ['level', 'storey', 'floor number'],
      hint: 'A number (0 or G for the ground floor, -1 for a basement). Empty: ground floor.',
    },
    {
      key: 'kind',
      label: 'Area kind',
      required: false,
      synonyms: ['area kind', 'kind', 'area type', 'room type', 'type of area', 'use'],
      hint: 'What kind of area it is, for site walks: classroom, science lab, corridor, playground…',
    },
  ],
  timetable: [
    {
      key: 'classCode',
      label: 'Class',
      required: true,
      synonyms: [
        'class code',
        'teaching group',
        'group',
        'class name',
        'group code',
        'set',
        'class group',
      ],
      hint: 'The class code ("10X/Ma2"). Never pupil names.',
    },
    {
      key: 'subject',
      label: 'Subject',
      required: true,
      synonyms: ['department', 'course', 'subject name', 'faculty'],
      hint: 'The subject or department ("Mathematics"). New ones are created.',
    },
    {
      key: 'yearGroup',
      label: 'Year group',
      required: true,
      synonyms: ['year', 'nc year', 'curriculum year', 'year group name'],
      hint: '"Year 7", "7" or "Reception". New ones are created.',
    },
    {
      key: 'teacher',
      label: 'Teacher',
      required: true,
      synonyms: [
        'teachers',
        'staff',
        'staff code',
        'teacher code',
        'initials',
        'staff initials',
        'teacher initials',
        'teacher email',
        'staff member',
      ],
      hint: 'Staff code or email; several teachers separated by ";" or "/" (the first leads).',
    },
    {
      key: 'room',
      label: 'Room',
      required: true,
      synonyms: ['room code', 'room name', 'location', 'rooms'],
      hint: "One of the school's rooms, as named in the rooms list.",
    },
    {
      key: 'week',
      label: 'Week',
      required: false,
      synonyms: ['timetable week', 'cycle week', 'wk', 'week a/b'],
      hint: 'A or B (or 1 or 2). Needed only for a two-week timetable.',
    },
    {
      key: 'day',
      label: 'Day',
      required: true,
      synonyms: ['weekday', 'day of week', 'day name'],
      hint: 'Mon, Monday or 1 (Monday) to 5 (Friday).',
    },
    {
      key: 'period',
      label: 'Period',
      required: true,
      synonyms: ['lesson', 'period number', 'session', 'slot', 'period name', 'start time'],
      hint: 'The period number ("3"), its name ("Period 3") or its start time ("11:10").',
    },
  ],
};

/** "Staff Code", "staff_code" and " STAFF-CODE " are the same heading. */
export const normaliseHeading = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export type ResolvedMapping = {
  /** field key → heading (as in the file), or null when the file has no column for it */
  mapping: Mapping;
  /** field key → column index in the sheet, for the fields that have one */
  columns: Record<string, number>;
  /** Headings no field uses: left out of the import. */
  ignored: string[];
  problems: Problem[];
};

const list = (items: string[]) => items.map((h) => `“${h}”`).join(', ');

/**
 * Which column holds each field: the person's choice where they made one, otherwise the
 * first heading that is our name for it or a usual synonym. A heading feeds one field only.
 */
export function resolveMapping(
  kind: ImportKind,
  sheet: Pick<Sheet, 'headings' | 'headingRow'>,
  requested: Mapping = {},
): ResolvedMapping {
  const defs = fields[kind];
  const problems: Problem[] = [];
  const indexOf = new Map<string, number>();
  sheet.headings.forEach((h, i) => {
    if (h.trim() && !indexOf.has(h)) indexOf.set(h, i);
  });
  const byNormal = new Map<string, number>();
  sheet.headings.forEach((h, i) => {
    const n = normaliseHeading(h);
    if (n && !byNormal.has(n)) byNormal.set(n, i);
  });

  const columns: Record<string, number> = {};
  const taken = new Set<number>();
  // The person's choices first, so that automatic matching never steals their column.
  for (const def of defs) {
    if (!(def.key in requested)) continue;
    const heading = requested[def.key];
    if (heading === null || heading === undefined || heading === '') continue;
    const index = indexOf.get(heading);
    if (index === undefined) {
      problems.push({
        row: sheet.headingRow,
        column: def.label,
        code: 'unknown_heading',
        message: `The mapping says “${def.label}” is in a column headed “${heading}”, but the file has no such heading. Headings found: ${list(sheet.headings.filter((h) => h.trim()))}.`,
      });
      continue;
    }
    if (taken.has(index)) {
      problems.push({
        row: sheet.headingRow,
        column: heading,
        code: 'column_used_twice',
        message: `The column “${heading}” is chosen for more than one field. Choose a different column for “${def.label}”.`,
      });
      continue;
    }
    columns[def.key] = index;
    taken.add(index);
  }
  for (const def of defs) {
    if (def.key in requested || def.key in columns) continue;
    for (const name of [def.label, ...def.synonyms]) {
      const index = byNormal.get(normaliseHeading(name));
      if (index !== undefined && !taken.has(index)) {
        columns[def.key] = index;
        taken.add(index);
        break;
      }
    }
  }

  const found = sheet.headings.filter((h) => h.trim());
  for (const def of defs) {
    if (def.required && !(def.key in columns) && !problems.some((p) => p.column === def.label)) {
      problems.push({
        row: sheet.headingRow,
        column: def.label,
        code: 'missing_column',
        message: `No column holds “${def.label}”. Headings found: ${list(found)}. Choose the column for “${def.label}” in the column mapping, or rename its heading to “${def.label}”.`,
      });
    }
  }
  if (
    kind === 'staff' &&
    !('fullName' in columns) &&
    !('firstName' in columns && 'lastName' in columns)
  ) {
    problems.push({
      row: sheet.headingRow,
      column: 'Full name',
      code: 'missing_column',
      message: `No column holds the staff member's name. Headings found: ${list(found)}. Choose a “Full name” column, or both “First name” and “Surname”, in the column mapping.`,
    });
  }

  const mapping: Mapping = {};
  for (const def of defs) {
    const index = columns[def.key];
    mapping[def.key] = index === undefined ? null : sheet.headings[index]!;
  }
  const ignored = sheet.headings.filter((h, i) => h.trim() && !taken.has(i));
  return { mapping, columns, ignored, problems };
}

/** A row's cell for a field ('' when the field has no column or the row is short). */
export function cellOf(cells: string[], columns: Record<string, number>, key: string): string {
  const index = columns[key];
  return index === undefined ? '' : (cells[index] ?? '');
}
