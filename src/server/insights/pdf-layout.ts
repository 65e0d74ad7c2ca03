import PDFDocument from 'pdfkit';

/**
 * How the PDF reports are laid out (issue 21): a banner with the trust's name, headings, tables
 * with a header row that repeats on each page, and a footer naming the trust and the page.
 * pdfkit with the standard Helvetica: no font files shipped.
 */

export type Doc = PDFKit.PDFDocument;
export type Column = { header: string; width: number; align?: 'left' | 'right' };

const MARGIN = 56;
const INK = '#0b0c0c';
const MUTED = '#505a5f';
const RULE = '#b1b4b6';
const SHADE = '#f3f2f1';
const BRAND = '#1d70b8';

const bottom = (doc: Doc) => doc.page.height - MARGIN - 24;
const contentWidth = (doc: Doc) => doc.page.width - 2 * MARGIN;

/** Builds a report and adds each page's footer: "<trust> · <title> · Page n of m". */
export function renderReport(
  { title, trustName }: { title: string; trustName: string },
  build: (doc: Doc) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      info: { Title: title, Author: trustName, Creator: 'Learning Walks' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    build(doc);
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const y = doc.page.height - MARGIN + 12;
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(8.5)
        .fillColor(MUTED)
        .text(`${trustName} · ${title}`, MARGIN, y, {
          width: contentWidth(doc) - 80,
          lineBreak: false,
        })
        .text(`Page ${i + 1} of ${range.count}`, MARGIN, y, {
          width: contentWidth(doc),
          align: 'right',
          lineBreak: false,
        });
      doc.page.margins.bottom = MARGIN;
    }
    doc.fillColor(INK);
    doc.end();
  });
}

/** The report's opening: the trust's name, the title, what it covers, a rule. */
export function banner(doc: Doc, trustName: string, title: string, lines: string[]) {
  doc.rect(0, 0, doc.page.width, 8).fill(BRAND);
  doc.font('Helvetica-Bold').fontSize(11).fillColor(BRAND).text(trustName, MARGIN, MARGIN);
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(20).fillColor(INK).text(title);
  doc.moveDown(0.2).font('Helvetica').fontSize(10).fillColor(MUTED);
  for (const line of lines) doc.text(line);
  doc.moveDown(0.5);
  rule(doc);
  doc.fillColor(INK);
}

function rule(doc: Doc) {
  const y = doc.y;
  doc
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.75)
    .strokeColor(RULE)
    .stroke();
  doc.moveDown(0.5);
}

/** A section heading, moved to the next page rather than left alone at the foot of one. */
export function heading(doc: Doc, text: string) {
  if (doc.y > bottom(doc) - 90) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor(INK).text(text, MARGIN);
  doc.moveDown(0.3).font('Helvetica').fontSize(10.5);
}

/** A paragraph of body text. */
export function paragraph(doc: Doc, text: string, options: { muted?: boolean } = {}) {
  if (doc.y > bottom(doc) - 20) doc.addPage();
  doc
    .font('Helvetica')
    .fontSize(10.5)
    .fillColor(options.muted ? MUTED : INK)
    .text(text, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.fillColor(INK).moveDown(0.4);
}

/**
 * A table: a shaded header row (repeated after a page break), then rows whose cells wrap;
 * column widths are shares of the page's width.
 */
export function table(doc: Doc, columns: Column[], rows: string[][]) {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * contentWidth(doc));
  const pad = 4;
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(9.5);
    return (
      Math.max(
        ...cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * pad })),
      ) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], font: string, fill: string | null) => {
    const h = heightOf(cells, font);
    const y = doc.y;
    if (fill) doc.rect(MARGIN, y, contentWidth(doc), h).fill(fill);
    let x = MARGIN;
    doc.font(font).fontSize(9.5).fillColor(INK);
    cells.forEach((text, i) => {
      doc.text(text, x + pad, y + pad, {
        width: widths[i]! - 2 * pad,
        align: columns[i]!.align ?? 'left',
      });
      x += widths[i]!;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + contentWidth(doc), y + h)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  if (doc.y + heightOf(header, 'Helvetica-Bold') + 30 > bottom(doc)) doc.addPage();
  drawRow(header, 'Helvetica-Bold', SHADE);
  rows.forEach((row, r) => {
    if (doc.y + heightOf(row, 'Helvetica') > bottom(doc)) {
      doc.addPage();
      drawRow(header, 'Helvetica-Bold', SHADE);
    }
    drawRow(row, 'Helvetica', r % 2 === 1 ? '#fafafa' : null);
  });
  doc.moveDown(0.6);
}
