import { CURE_DECLINE_REASONS, CURE_REASONS, REJECTION_REASONS, VOTER_LANGUAGES } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';
import { EN, ES, WORDS } from '@app/wording';
import { renderNotice, SMS_MAX_LENGTH, type NoticeContext, type OfficeContact } from './templates';

const THURSDAY = Date.UTC(2020, 10, 5, 15); // Thu 5 Nov 2020, 10:00 EST
const FRIDAY_5PM = Date.UTC(2020, 10, 6, 22); // Fri 6 Nov 2020, 17:00 EST

const FULTON_OFFICE: OfficeContact = {
  name: 'Fulton County Registration and Elections',
  countyName: 'Fulton',
  address: '5600 Campbellton Fairburn Rd, Fairburn, GA 30213',
  hours: 'Monday to Friday, 8:00 AM to 5:00 PM',
  phone: '404-612-7020',
  email: 'elections@fulton.example.gov',
};

function aContext(overrides: Partial<NoticeContext> = {}): NoticeContext {
  return {
    voterName: 'Pat Voter',
    receiptNumber: 'P-000123',
    ballotKind: 'provisional',
    electionName: 'Georgia General Election 2020',
    timeZone: 'America/New_York',
    office: FULTON_OFFICE,
    portalUrl: 'https://vote.example.gov/portal',
    contestNames: { president: 'President of the United States', 'us-senate': 'United States Senate', 'fulton-commission': 'Fulton County Commission' },
    now: THURSDAY,
    ...overrides,
  };
}

const CURE: VoterNotice = { type: 'cure_requested', cureReason: 'id_required', deadline: FRIDAY_5PM };
const PARTIAL: VoterNotice = { type: 'partially_counted', contests: ['president', 'us-senate', 'fulton-commission'] };
const REJECTED: VoterNotice = { type: 'rejected', reason: 'not_registered' };

const officeBlock = (hours: string, phone: string, email: string) =>
  [FULTON_OFFICE.name, FULTON_OFFICE.address, `${hours}: ${FULTON_OFFICE.hours}`, `${phone}: ${FULTON_OFFICE.phone}`, `${email}: ${FULTON_OFFICE.email}`].join('\n');

describe('voter notices: what the voter is told, in English and Spanish', () => {
  describe('a cure request', () => {
    it('in English: what happened, what to do, the office, the local deadline with its zone, the portal', () => {
      const notice = renderNotice(CURE, aContext(), 'en');
      expect(notice.subject).toBe('Action needed: your provisional ballot P-000123');
      expect(notice.text).toContain('Dear Pat Voter,');
      expect(notice.text).toContain('Your provisional ballot (receipt number P-000123) in the Georgia General Election 2020 cannot be counted yet.');
      expect(notice.text).toContain(`What to do:\n${EN.cureAction.id_required}`);
      expect(notice.text).toContain('Deadline: Friday, November 6, 2020 at 5:00 PM EST (tomorrow)');
      expect(notice.text).toContain(`Where to go:\n${officeBlock('Hours', 'Phone', 'Email')}`);
      expect(notice.text).toContain('upload the document online instead of going to the office: https://vote.example.gov/portal');
      expect(notice.sms).toContain('your provisional ballot P-000123 cannot be counted yet');
      expect(notice.sms).toContain('Friday, November 6, 2020 at 5:00 PM EST');
      expect(notice.sms).toContain('https://vote.example.gov/portal');
      expect(notice.sms.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    });

    it('in Spanish: the same, in Spanish words and the Spanish date', () => {
      const notice = renderNotice(CURE, aContext(), 'es');
      expect(notice.subject).toBe('Acci\u00f3n necesaria: su boleta provisional P-000123');
      expect(notice.text).toContain('Estimado/a Pat Voter:');
      expect(notice.text).toContain('Su boleta provisional (n\u00famero de recibo P-000123) en la elecci\u00f3n Georgia General Election 2020 todav\u00eda no se puede contar.');
      expect(notice.text).toContain(`Qu\u00e9 debe hacer:\n${ES.cureAction.id_required}`);
      expect(notice.text).toContain('Fecha l\u00edmite: viernes, 6 de noviembre de 2020, 5:00 p.m. EST (ma\u00f1ana)');
      expect(notice.text).toContain(`Ad\u00f3nde ir:\n${officeBlock('Horario', 'Tel\u00e9fono', 'Correo electr\u00f3nico')}`);
      expect(notice.text).toContain('https://vote.example.gov/portal');
      expect(notice.text).not.toMatch(/Deadline|What to do|Dear/);
      expect(notice.sms).toContain('viernes, 6 de noviembre de 2020, 5:00 p.m. EST');
      expect(notice.sms.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    });

    it('counts the days left in the election\'s own calendar: today, in 3 days', () => {
      expect(renderNotice(CURE, aContext({ now: Date.UTC(2020, 10, 6, 13) }), 'en').text).toContain('5:00 PM EST (today)');
      expect(renderNotice(CURE, aContext({ now: Date.UTC(2020, 10, 3, 23) }), 'es').text).toContain('5:00 p.m. EST (en 3 d\u00edas)');
    });

    it('a UOCAVA ballot is named as such', () => {
      expect(renderNotice(CURE, aContext({ ballotKind: 'uocava' }), 'en').subject).toBe('Action needed: your military or overseas ballot P-000123');
      expect(renderNotice(CURE, aContext({ ballotKind: 'uocava' }), 'es').subject).toBe('Acci\u00f3n necesaria: su boleta de votante militar o en el extranjero P-000123');
    });
  });

  describe.each([
    ['en', 'Your provisional ballot P-000123 was counted', 'was counted. Thank you for voting.'],
    ['es', 'Su boleta provisional P-000123 fue contada', 'fue contada. Gracias por votar.'],
  ] as const)('a counted ballot (%s)', (language, subject, sentence) => {
    it('says it was counted, with whom to ask', () => {
      const notice = renderNotice({ type: 'counted' }, aContext(), language);
      expect(notice.subject).toBe(subject);
      expect(notice.text).toContain(sentence);
      expect(notice.text).toContain(FULTON_OFFICE.phone);
      expect(notice.sms).toContain(sentence);
      expect(notice.sms).toContain('404-612-7020');
    });
  });

  describe.each([
    ['en', 'Your provisional ballot P-000123 was counted in part', 'The other races on your ballot were not counted.'],
    ['es', 'Su boleta provisional P-000123 fue contada en parte', 'Las dem\u00e1s contiendas de su boleta no se contaron.'],
  ] as const)('a partly counted ballot (%s)', (language, subject, rest) => {
    it('lists the races that counted by their names', () => {
      const notice = renderNotice(PARTIAL, aContext(), language);
      expect(notice.subject).toBe(subject);
      expect(notice.text).toContain('- President of the United States\n- United States Senate\n- Fulton County Commission');
      expect(notice.text).toContain(rest);
      expect(notice.text).not.toContain('fulton-commission');
      expect(notice.sms).toContain('President of the United States; United States Senate; Fulton County Commission');
    });
  });

  describe.each([
    ['en', 'Your provisional ballot P-000123 was not counted', 'Why:', 'If you have questions, or you think this is a mistake, contact the election office:'],
    ['es', 'Su boleta provisional P-000123 no fue contada', 'Por qu\u00e9:', 'Si tiene preguntas o cree que se trata de un error, comun\u00edquese con la oficina electoral:'],
  ] as const)('a rejected ballot (%s)', (language, subject, why, contact) => {
    it('gives the reason in plain words and whom to contact', () => {
      const notice = renderNotice(REJECTED, aContext(), language);
      expect(notice.subject).toBe(subject);
      expect(notice.text).toContain(`${why} ${WORDS[language].rejectionExplained.not_registered}`);
      expect(notice.text).toContain(`${contact}\n${FULTON_OFFICE.name}\n${FULTON_OFFICE.address}`);
      expect(notice.text).not.toContain('not_registered');
      expect(notice.sms).toContain(WORDS[language].rejectionExplained.not_registered);
    });
  });

  describe.each([
    ['en', 'Action needed: we could not accept your document for provisional ballot P-000123', 'Why:', 'Deadline: Friday, November 6, 2020 at 5:00 PM EST (tomorrow)'],
    ['es', 'Acci\u00f3n necesaria: no pudimos aceptar su documento para su boleta provisional P-000123', 'Por qu\u00e9:', 'Fecha l\u00edmite: viernes, 6 de noviembre de 2020'],
  ] as const)('an uploaded document the clerk declined (%s)', (language, subject, why, deadline) => {
    it('says why, that the cure is still owed, by when, and where to upload again', () => {
      const notice = renderNotice({ type: 'cure_declined', reason: 'name_does_not_match', deadline: FRIDAY_5PM }, aContext(), language);
      expect(notice.subject).toBe(subject);
      expect(notice.text).toContain(`${why} ${WORDS[language].declineExplained.name_does_not_match}`);
      expect(notice.text).toContain(deadline);
      expect(notice.text).toContain('https://vote.example.gov/portal');
      expect(notice.sms).toContain('https://vote.example.gov/portal');
    });
  });

  it('an office with nothing on file but its county: named after the county, no empty lines, no "null"', () => {
    const bare: OfficeContact = { name: null, countyName: 'Cobb', address: null, hours: null, phone: null, email: null };
    const en = renderNotice(CURE, aContext({ office: bare }), 'en');
    expect(en.text).toContain('Where to go:\nCobb County election office\n\n');
    expect(en.text).not.toMatch(/null|undefined|Phone:|Hours:/);
    expect(en.sms).not.toContain('Questions');
    expect(renderNotice(REJECTED, aContext({ office: bare }), 'es').text).toContain('Oficina electoral del condado de Cobb');
  });

  it('a contest the jurisdiction does not name is shown by its id rather than dropped', () => {
    expect(renderNotice({ type: 'partially_counted', contests: ['president', 'measure-7'] }, aContext(), 'en').text).toContain('- President of the United States\n- measure-7');
  });

  describe('text messages fit in two SMS (320 characters) whatever the notice, language or office', () => {
    const longOffice: OfficeContact = { ...FULTON_OFFICE, name: `${'Registration and Elections Board of '.repeat(5)}Fulton`.slice(0, 200) };
    const manyContests = Array.from({ length: 30 }, (_, i) => `contest-${i}`);
    const names = Object.fromEntries(manyContests.map((id) => [id, `A long contest name for the race number ${id}`]));
    const notices: VoterNotice[] = [
      ...CURE_REASONS.map((cureReason): VoterNotice => ({ type: 'cure_requested', cureReason, deadline: FRIDAY_5PM })),
      ...REJECTION_REASONS.map((reason): VoterNotice => ({ type: 'rejected', reason })),
      ...CURE_DECLINE_REASONS.map((reason): VoterNotice => ({ type: 'cure_declined', reason, deadline: FRIDAY_5PM })),
      { type: 'counted' },
      { type: 'partially_counted', contests: manyContests },
    ];
    it.each(VOTER_LANGUAGES)('%s', (language) => {
      for (const notice of notices) {
        for (const office of [FULTON_OFFICE, longOffice]) {
          const sms = renderNotice(notice, aContext({ office, contestNames: names, ballotKind: 'uocava' }), language).sms;
          expect(sms.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
          expect(sms).toContain('P-000123');
        }
      }
    });

    it('a cure\u2019s text message names what to do (in a few words when the sentence does not fit) and the deadline', () => {
      for (const language of VOTER_LANGUAGES) {
        for (const cureReason of CURE_REASONS) {
          for (const ballotKind of ['provisional', 'uocava'] as const) {
            const sms = renderNotice({ type: 'cure_requested', cureReason, deadline: FRIDAY_5PM }, aContext({ ballotKind }), language).sms;
            const words = WORDS[language];
            expect([sms, sms.includes(words.cureAction[cureReason]) || sms.includes(words.notice.sms.cureShort[cureReason])]).toEqual([sms, true]);
            expect(sms).toContain(language === 'en' ? 'November 6, 2020 at 5:00 PM EST' : '6 de noviembre de 2020, 5:00 p.m. EST');
          }
        }
      }
    });

    it('a long partial count falls back to a short summary with the portal link', () => {
      const sms = renderNotice({ type: 'partially_counted', contests: manyContests }, aContext({ contestNames: names }), 'en').sms;
      expect(sms).toContain('was counted in part: only the races you were eligible to vote in.');
      expect(sms).toContain('Details: https://vote.example.gov/portal');
    });
  });
});
