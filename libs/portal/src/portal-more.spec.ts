import { PDFDocument } from 'pdf-lib';
import { affidavitPdf } from './affidavit-pdf';
import { maskEmail, maskPhone } from './contact-updates';
import { officeIn, portalView, type PortalFacts } from './portal-view';
import { timelineOf } from './timeline';

const EST = 'America/New_York';
const NOW = Date.parse('2020-11-05T10:00:00-05:00');
const DEADLINE = Date.parse('2020-11-06T17:00:00-05:00');
const OFFICE = { name: 'Fulton County Registration and Elections', address: '1 Main St', hours: 'Monday to Friday, 8 AM to 5 PM', phone: '(404) 555-0100', email: null };

const facts = (overrides: Partial<PortalFacts> = {}): PortalFacts => ({
  receiptNumber: 'GA20-P-000123',
  kind: 'provisional',
  status: 'received.awaitingCure',
  cureReason: 'signature_missing',
  cureDeadline: DEADLINE,
  rejectionReason: null,
  determination: null,
  contestsCounted: [],
  timeZone: EST,
  countyName: 'Fulton',
  electionName: 'General Election 2020',
  office: OFFICE,
  latestUpload: null,
  officeTranslations: { es: { hours: 'De lunes a viernes, de 8 a. m. a 5 p. m.' } },
  history: [],
  ...overrides,
});

describe('the portal\u2019s timeline, office words and affidavit (issue 14)', () => {
  it('the timeline shows what a voter can rely on, with local dates, and leaves staff\u2019s internal steps out', () => {
    const history = [
      { event: 'INTAKE', at: '2020-11-04T02:30:00.000Z' }, // 3 Nov, 9:30 PM in Atlanta
      { event: 'MATCH_VOTER', at: '2020-11-04T15:00:00.000Z' },
      { event: 'PROPOSE_REJECTION', at: '2020-11-04T16:00:00.000Z' },
      { event: 'RETURN', at: '2020-11-04T17:00:00.000Z' },
      { event: 'REQUEST_CURE', at: '2020-11-04T18:00:00.000Z' },
      { event: 'CURE_UPLOADED', at: '2020-11-05T15:00:00.000Z' },
      { event: 'VOTER_CONTACT_CONFIRMED', at: '2020-11-05T15:10:00.000Z' },
    ];
    expect(timelineOf(history, EST, 'en').map((t) => [t.step, t.day])).toEqual([
      ['received', 'November 3, 2020'],
      ['cure_requested', 'November 4, 2020'],
      ['document_sent', 'November 5, 2020'],
    ]);
    expect(timelineOf(history, EST, 'es').map((t) => `${t.text}: ${t.day}`)).toEqual(['Se recibi\u00f3 su boleta: 3 de noviembre de 2020', 'La oficina electoral le pidi\u00f3 algo: 4 de noviembre de 2020', 'Usted envi\u00f3 un documento: 5 de noviembre de 2020']);
  });

  it('the office in the voter\u2019s language where the county gave it, as given otherwise', () => {
    expect(officeIn(OFFICE, { es: { hours: 'De lunes a viernes' } }, 'es')).toEqual({ ...OFFICE, hours: 'De lunes a viernes' });
    expect(officeIn(OFFICE, { es: { hours: 'De lunes a viernes' } }, 'en')).toEqual(OFFICE);
    expect(officeIn(OFFICE, null, 'es')).toEqual(OFFICE);
    expect(portalView(facts(), NOW, 'es').office.hours).toBe('De lunes a viernes, de 8 a. m. a 5 p. m.');
    // A county that gave no office name: its name and "election office", in the voter's language.
    const unnamed = facts({ office: { ...OFFICE, name: '' }, officeTranslations: null });
    expect(portalView(unnamed, NOW, 'es').office.name).toBe('Oficina electoral del condado de Fulton');
    expect(portalView(unnamed, NOW, 'en').office.name).toBe('Fulton County election office');
  });

  it('the affidavit is offered for a signature cure, not for an ID', () => {
    expect(portalView(facts(), NOW, 'en').action?.affidavit).toBe(true);
    expect(portalView(facts({ cureReason: 'signature_mismatch' }), NOW, 'en').action?.affidavit).toBe(true);
    expect(portalView(facts({ cureReason: 'id_required' }), NOW, 'en').action?.affidavit).toBe(false);
  });

  it.each(['en', 'es'] as const)('the affidavit PDF in %s: one letter page, titled in the language, the same bytes every time', async (language) => {
    const view = portalView(facts(), NOW, language);
    const bytes = await affidavitPdf(view, language);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    expect(pdf.getTitle()).toBe(language === 'en' ? 'Cure affidavit' : 'Declaraci\u00f3n jurada de subsanaci\u00f3n');
    expect(Buffer.from(await affidavitPdf(view, language)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('addresses are masked: the voter can tell which, a stranger cannot read it', () => {
    expect(maskEmail('pat.voter@example.org')).toBe('p\u2022\u2022\u2022@example.org');
    expect(maskPhone('+14045550188')).toBe('\u2022\u2022\u2022 \u2022\u2022\u2022 0188');
  });
});
