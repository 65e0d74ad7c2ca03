import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { decodeFile } from './decode.ts';

describe('reading a CSV a slice at a time', () => {
  it('reads a file far larger than one slice exactly as one parse would, quotes and accents across slice edges', async () => {
    const lines = ['Class,Subject,Note'];
    for (let i = 0; i < 4000; i++) {
      lines.push(`C${i},Français,"line one, with a comma\nand “quotes”, row ${i}"`);
    }
    const bytes = new TextEncoder().encode(lines.join('\r\n'));
    expect(bytes.length).toBeGreaterThan(3 * 64 * 1024);
    const { format, sheet } = await decodeFile('big.csv', bytes);
    const whole: string[][] = parse(lines.join('\r\n'), { relax_column_count: true });
    expect(format).toBe('csv');
    expect(sheet.headings).toEqual(['Class', 'Subject', 'Note']);
    expect(sheet.rows.map((r) => r.cells)).toEqual(whole.slice(1));
    expect(sheet.rows.at(-1)).toEqual({
      row: 4001,
      cells: ['C3999', 'Français', 'line one, with a comma\nand “quotes”, row 3999'],
    });
  });

  it('says where a broken CSV breaks and changes nothing', async () => {
    const broken = new TextEncoder().encode('Class,Subject\n7A,"Science\n');
    const error = await decodeFile('broken.csv', broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/broken near line \d+/);
  });
});
