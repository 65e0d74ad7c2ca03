/**
 * Importing staff, rooms and the timetable from a spreadsheet: the shapes the pure
 * functions in this folder share. A file has already been decoded (CSV or XLSX) into
 * a Sheet of text cells by the server; everything from there on is plain data.
 */
export const importKinds = ['staff', 'rooms', 'timetable'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importKindLabels: Record<ImportKind, string> = {
  staff: 'Staff',
  rooms: 'Rooms',
  timetable: 'Timetable',
};

/** One row of cells; `row` is the row number a spreadsheet shows (the heading row is usually 1). */
export type SheetRow = { row: number; cells: string[] };

export type Sheet = {
  /** The row the headings were found on. */
  headingRow: number;
  headings: string[];
  rows: SheetRow[];
};

/**
 * Something wrong with the file, a row or a cell. `row` is null for the whole file;
 * `column` is the heading as the file spells it (or our name for a missing column).
 */
export type Problem = { row: number | null; column: string | null; code: string; message: string };

/** Which heading of the file holds each of our fields; null: the file has no such column. */
export type Mapping = Record<string, string | null>;

/** One changed, added or removed thing, as a person reads it in the preview. */
export type ChangeItem = {
  key: string;
  label: string;
  /** The file's row, for adds and updates. */
  row?: number;
  /** What changes, in words ("room SC101 → SC102"). */
  changes?: string[];
  /** Why a thing that is not in the file stays (kept instead of removed). */
  reason?: string;
};

export type DiffCounts = {
  adds: number;
  updates: number;
  unchanged: number;
  removals: number;
  kept: number;
};

/** What an import would change: counts, and examples of each (all removals, up to a limit). */
export type DiffSummary = {
  counts: DiffCounts;
  adds: ChangeItem[];
  updates: ChangeItem[];
  removals: ChangeItem[];
  /** Not in the file, but not removed: the reason says why. */
  kept: ChangeItem[];
  /** Departments (subjects) and year groups the import creates. */
  newDepartments: string[];
  newYearGroups: string[];
};

export const summaryLimits = { examples: 20, removals: 500 };

/** Trims, and collapses inner runs of white space (spreadsheets are full of stray spaces). */
export const clean = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

/** Case-insensitive key for names people type in different ways ("sc101", "SC101 "). */
export const fold = (value: string) => clean(value).toLowerCase();
