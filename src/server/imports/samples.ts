import ExcelJS from 'exceljs';
import type { ImportKind } from '../../domain/imports/types.ts';
import { type SchoolRole, schoolRoleLabels, weekdayNames } from '../../domain/imports/values.ts';
import { type DemoSchool, demoTrust } from '../demo/demo-trust.ts';

/**
 * Sample files, made from the demo trust's data: what a person can download from the
 * import page, edit, and import. Headings are the ones docs/imports.md describes.
 */
export type Table = { headings: string[]; rows: (string | number)[][] };

let demo: ReturnType<typeof demoTrust> | undefined;

/** The demo school of that name, or Riverside Academy (a week A/week B secondary) for any other. */
export function sampleSchool(name: string): DemoSchool {
  demo ??= demoTrust();
  return demo.schools.find((s) => s.name === name) ?? demo.schools[1]!;
}

export function sampleTable(school: DemoSchool, kind: ImportKind): Table {
  if (kind === 'staff') {
    const profiles = new Map(school.profiles.map((p) => [p.email, p]));
    return {
      headings: ['Email', 'Title', 'Full name', 'Staff code', 'Roles', 'Departments'],
      rows: school.staff.map((s) => {
        const p = profiles.get(s.email);
        return [
          s.email,
          s.title,
          s.fullName,
          p?.staffCode ?? '',
          s.roles.map((r) => schoolRoleLabels[r as SchoolRole] ?? r).join('; '),
          p?.departments.join('; ') ?? '',
        ];
      }),
    };
  }
  if (kind === 'rooms') {
    return {
      headings: ['Room', 'Building', 'Floor'],
      rows: school.rooms.map((r) => [r.name, r.building, r.floor]),
    };
  }
  const code = new Map(school.profiles.map((p) => [p.email, p.staffCode]));
  const twoWeeks = school.cycleWeeks === 2;
  return {
    headings: [
      'Class',
      'Subject',
      'Year group',
      'Teacher',
      'Room',
      ...(twoWeeks ? ['Week'] : []),
      'Day',
      'Period',
    ],
    rows: school.lessons.map((l) => [
      l.classCode,
      l.department,
      l.yearGroup,
      code.get(l.teacherEmail) ?? l.teacherEmail,
      l.room,
      ...(twoWeeks ? [l.cycleWeek === 1 ? 'A' : 'B'] : []),
      weekdayNames[l.weekday - 1]!.slice(0, 3),
      l.period,
    ]),
  };
}

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** RFC 4180 CSV with a byte-order mark and Windows line endings, as Excel reads and writes it. */
export function toCsv(table: Table): Buffer {
  const lines = [table.headings, ...table.rows].map((r) => r.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(table: Table, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Learning Walks';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(table.headings).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function sampleFileName(school: DemoSchool, kind: ImportKind, format: 'csv' | 'xlsx') {
  const slug = school.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug}-${kind}.${format}`;
}
