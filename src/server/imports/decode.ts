import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { Sheet } from '../../domain/imports/types.ts';
import { AppError } from '../http/errors.ts';

/**
 * Turns an uploaded file into a Sheet of text cells: CSV (UTF-8 with or without a
 * byte-order mark, or Windows-1252 as older Excel saves it; comma, semicolon or tab
 * separated; any line endings; quoted fields) or XLSX (the first worksheet with data).
 * Nothing of the file is kept: it lives in memory for the request only.
 */
export type FileFormat = 'csv' | 'xlsx';

export const MAX_ROWS = 100_000;

const unreadable = (fileName: string, why: string) =>
  new AppError('unreadable_file', `“${fileName}” could not be read: ${why}`);

export function detectFormat(fileName: string, bytes: Uint8Array): FileFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw unreadable(
      fileName,
      'it is an old Excel 97–2003 workbook (.xls). Open it in Excel and save it as an Excel workbook (.xlsx) or CSV, then import that.',
    );
  }
  if (/\.(xlsx|xlsm)$/i.test(fileName)) {
    throw unreadable(
      fileName,
      'it is named as an Excel workbook but is not one. Save it again as .xlsx or CSV.',
    );
  }
  return 'csv';
}

export async function decodeFile(
  fileName: string,
  bytes: Uint8Array,
): Promise<{ format: FileFormat; sheet: Sheet }> {
  if (bytes.length === 0) throw unreadable(fileName, 'the file is empty.');
  const format = detectFormat(fileName, bytes);
  const grid = format === 'xlsx' ? await readXlsx(fileName, bytes) : await readCsv(fileName, bytes);
  return { format, sheet: toSheet(fileName, grid) };
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Excel's "CSV (Comma delimited)" on Windows writes Windows-1252.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The separator of the heading line: whichever of , ; and tab occurs most outside quotes. */
export function detectDelimiter(text: string): string {
  let inQuotes = false;
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Bytes of CSV handed to the parser at a time, with a turn of the event loop between. */
const CSV_SLICE = 64 * 1024;

/**
 * Parses the CSV a slice at a time (issue 22): a 30,000-row file parsed in one go held the
 * event loop for a few hundred milliseconds, and every other request with it.
 */
async function readCsv(fileName: string, bytes: Uint8Array): Promise<Grid> {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  const records: string[][] = [];
  const parser = parse({
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
    to: MAX_ROWS + 50,
  });
  let failure: unknown = null;
  parser.on('data', (record: string[]) => records.push(record));
  parser.on('error', (error) => {
    failure ??= error;
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('close', resolve);
    parser.on('error', () => resolve());
  });
  const data = Buffer.from(text);
  for (let at = 0; at < data.length && failure === null && !parser.writableEnded; ) {
    parser.write(data.subarray(at, at + CSV_SLICE));
    at += CSV_SLICE;
    await nextTurn();
  }
  if (failure === null && !parser.writableEnded) parser.end();
  await ended;
  if (failure !== null) {
    const e = failure as { message?: string; lines?: number };
    throw unreadable(
      fileName,
      `the CSV is broken near line ${e.lines ?? '?'} (${e.message ?? 'unknown error'}). Check for a quote mark that is opened but never closed.`,
    );
  }
  return records.map((cells, i) => ({ row: i + 1, cells }));
}

type Grid = { row: number; cells: string[] }[];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A cell as a person sees it: times as 08:50, dates as 2026-09-01, links and rich text as their text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    // Excel keeps a time of day as a fraction of a day from 30 December 1899.
    if (value.getUTCFullYear() < 1901)
      return `${pad2(value.getUTCHours())}:${pad2(value.getUTCMinutes())}`;
    return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('formula' in value || 'sharedFormula' in value)
      return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(fileName: string, bytes: Uint8Array): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  try {
    // biome-ignore lint/suspicious/noExplicitAny: exceljs types its Buffer parameter against an older @types/node.
    await workbook.xlsx.load(Buffer.from(bytes) as any);
  } catch (error) {
    throw unreadable(
      fileName,
      `the workbook is damaged (${(error as Error).message}). Save it again from Excel.`,
    );
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw unreadable(fileName, 'the workbook has no worksheet with data in it.');
  if (sheet.rowCount > MAX_ROWS + 50) throw tooMany(fileName, sheet.rowCount);
  const grid: Grid = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    grid.push({ row: rowNumber, cells });
  });
  return grid;
}

const tooMany = (fileName: string, n: number) =>
  new AppError(
    'too_many_rows',
    `“${fileName}” has ${n.toLocaleString('en-GB')} rows; an import takes at most ${MAX_ROWS.toLocaleString('en-GB')}. Split the file.`,
  );

const blank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * The heading row is the first row with something in it, unless that row is a lone title
 * ("Staff list 2026") above a wider row: then the wider row holds the headings.
 */
function toSheet(fileName: string, grid: Grid): Sheet {
  const filled = grid.filter((r) => !blank(r.cells));
  if (filled.length === 0) throw unreadable(fileName, 'it has no headings and no rows.');
  let headingIndex = 0;
  const width = (r: { cells: string[] }) => r.cells.filter((c) => c.trim()).length;
  if (filled.length > 1 && width(filled[0]!) === 1 && width(filled[1]!) > 1) headingIndex = 1;
  const heading = filled[headingIndex]!;
  const rows = filled.slice(headingIndex + 1);
  if (rows.length > MAX_ROWS) throw tooMany(fileName, rows.length);
  return {
    headingRow: heading.row,
    headings: heading.cells.map((h) => h.replace(/\s+/g, ' ').trim()),
    rows,
  };
}
