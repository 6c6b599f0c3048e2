import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { VoterLanguage } from '@app/domain';
import { wordsFor } from '@app/wording';
import type { PortalView } from './portal-view';

const LETTER = { width: 612, height: 792 } as const;
const MARGIN = 64;

/** Intl's narrow and no-break spaces ("5:00\u202fPM") as plain ones: WinAnsi has no narrow space. */
const plain = (text: string): string => text.replace(/[\u00a0\u2007\u202f]/g, ' ');

/** Words cut into lines that fit `width` points in `font` at `size`. */
function lines(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of plain(text).split(/\s+/)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (font.widthOfTextAtSize(next, size) > width && line !== '') {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') out.push(line);
  return out;
}

/**
 * The cure affidavit a voter prints, signs and returns (issue 14): one US-letter page, in the
 * voter's language, with the ballot's receipt number, the election, what the voter affirms, lines
 * to sign, and where and by when to return it. Only the words in `@app/wording` and the county's
 * office; no name or date of birth (the voter writes their name). Standard Helvetica: its
 * WinAnsi encoding covers Spanish (á, é, í, ñ, ¿).
 */
export async function affidavitPdf(view: PortalView, language: VoterLanguage): Promise<Uint8Array> {
  const words = wordsFor(language).affidavit;
  const pdf = await PDFDocument.create();
  pdf.setTitle(words.title);
  pdf.setLanguage(language === 'es' ? 'es-US' : 'en-US');
  pdf.setCreationDate(new Date(0)); // the same bytes for the same ballot, whenever it is downloaded
  pdf.setModificationDate(new Date(0));
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([LETTER.width, LETTER.height]);
  const width = LETTER.width - 2 * MARGIN;
  let y = LETTER.height - MARGIN;
  const write = (target: PDFPage, text: string, font: PDFFont, size: number, gap = 6): void => {
    for (const line of lines(text, font, size, width)) {
      y -= size + 4;
      target.drawText(line, { x: MARGIN, y, size, font, color: rgb(0, 0, 0) });
    }
    y -= gap;
  };
  const rule = (label: string): void => {
    y -= 34;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.8, color: rgb(0, 0, 0) });
    page.drawText(label, { x: MARGIN, y: y - 12, size: 10, font: regular });
    y -= 16;
  };

  write(page, words.title, bold, 20, 10);
  write(page, words.intro(view.receiptNumber, view.electionName), regular, 12, 12);
  view.action?.steps.forEach((step) => write(page, step, regular, 11, 10));
  words.statements.forEach((statement, i) => write(page, `${i + 1}. ${statement}`, regular, 12));
  rule(words.printedName);
  rule(words.signature);
  rule(words.date);
  y -= 12;
  write(page, words.warning, bold, 11, 12);
  const office = [view.office.name, view.office.address].filter((p): p is string => p !== null).join(', ');
  write(page, words.returnTo(office), regular, 11);
  if (view.action !== null) write(page, `${wordsFor(language).pages.deadline}: ${view.action.deadline.local}`, bold, 12);
  return pdf.save();
}
