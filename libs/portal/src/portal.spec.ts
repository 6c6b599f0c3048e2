import { BALLOT_STATES } from '@app/lifecycle';
import { detectMediaType } from './cure-uploads';
import { PortalLimits } from './portal-limits';
import { UploadTokens } from './upload-tokens';
import { receiptCandidates } from './portal-lookup';
import { portalStatusOf, portalView, type PortalFacts } from './portal-view';
import { daysLeft, localDeadline } from '@app/wording';

const EST = 'America/New_York';
/** Georgia 2020: the provisional cure deadline, Friday 6 Nov 2020 at 5:00 PM EST (GA-2020 pack). */
const CURE_DEADLINE = Date.parse('2020-11-06T17:00:00-05:00');
const MINUTE = 60_000;

const facts = (overrides: Partial<PortalFacts> = {}): PortalFacts => ({
  receiptNumber: 'GA20-P-000123',
  kind: 'provisional',
  status: 'received.pending',
  cureReason: null,
  cureDeadline: null,
  rejectionReason: null,
  determination: null,
  contestsCounted: [],
  timeZone: EST,
  countyName: 'Fulton',
  electionName: 'General Election',
  office: { name: 'Fulton County Registration and Elections', address: '1 Main St', hours: '8-5', phone: '(404) 555-0100', email: null },
  latestUpload: null,
  officeTranslations: null,
  history: [],
  ...overrides,
});
const awaitingCure = (overrides: Partial<PortalFacts> = {}) => facts({ status: 'received.awaitingCure', cureReason: 'id_required', cureDeadline: CURE_DEADLINE, ...overrides });

describe('the voter\u2019s status for every lifecycle state (SPEC section 5: the portal)', () => {
  it.each([
    ['received.pending', 'under_review'],
    ['received.rejectionProposed', 'under_review'],
    ['received.held', 'under_review'],
    ['verified', 'under_review'],
    ['received.awaitingCure', 'action_needed'],
    ['cured', 'cure_submitted'],
    ['rejected', 'not_counted'],
  ] as const)('%s \u2192 %s', (status, expected) => {
    expect(portalStatusOf({ status, determination: null, latestUpload: null })).toBe(expected);
  });

  it('every state has a status, a heading and words in both languages', () => {
    for (const status of BALLOT_STATES) {
      for (const language of ['en', 'es'] as const) {
        const view = portalView(facts({ status, cureReason: 'id_required', cureDeadline: CURE_DEADLINE, rejectionReason: 'late', determination: 'full' }), CURE_DEADLINE - 60 * MINUTE, language);
        expect(view.heading.length).toBeGreaterThan(10);
        expect(view.paragraphs.length).toBeGreaterThan(0);
      }
    }
  });

  it('a proposed rejection is still "under review": the voter is not told before a supervisor confirms it', () => {
    expect(portalView(facts({ status: 'received.rejectionProposed' }), 0, 'en').reason).toBeNull();
  });

  it('a held ballot (court-extended hours, HAVA 302(c)) says why it is kept apart', () => {
    expect(portalView(facts({ status: 'received.held' }), 0, 'en').paragraphs.join(' ')).toContain('court order');
  });

  it('counted in full, and partially counted with the races that counted', () => {
    expect(portalView(facts({ status: 'counted', determination: 'full' }), 0, 'en').status).toBe('counted');
    const partial = portalView(facts({ status: 'counted', determination: 'partial', contestsCounted: ['President of the United States'] }), 0, 'es');
    expect(partial).toMatchObject({ status: 'partially_counted', contestsCounted: ['President of the United States'], heading: 'Parte de su boleta fue contada' });
  });

  it('not counted: the reason in plain words, in the voter\u2019s language', () => {
    const view = portalView(facts({ status: 'rejected', rejectionReason: 'postmarked_late', kind: 'uocava' }), 0, 'es');
    expect(view.reason).toEqual({ code: 'postmarked_late', text: 'Su boleta tiene matasellos (o fecha de firma) posterior al d\u00eda de la elecci\u00f3n.' });
  });

  describe('a cure window (GA-2020: cure by Friday 6 Nov 2020, 5:00 PM EST)', () => {
    it.each([
      ['one minute before the deadline', CURE_DEADLINE - MINUTE, true],
      ['at the deadline', CURE_DEADLINE, true],
      ['one minute after the deadline', CURE_DEADLINE + MINUTE, false],
    ])('%s: upload open is %s', (_name, now, open) => {
      const view = portalView(awaitingCure(), now, 'en');
      expect(view.action?.uploadOpen).toBe(open);
      expect(view.action?.deadline.passed).toBe(!open);
      expect(view.paragraphs[0]).toContain(open ? 'Do this by Friday, November 6, 2020 at 5:00 PM EST' : 'has passed');
    });

    it('says what to bring, and how many local days are left', () => {
      const view = portalView(awaitingCure(), Date.parse('2020-11-04T10:00:00-05:00'), 'en');
      expect(view.action?.steps[0]).toMatch(/^Show an acceptable photo ID/);
      expect(view.action?.deadline.daysLeft).toBe(2);
    });

    it('a pending upload reads "received, being reviewed"; a declined one says why and stays open', () => {
      expect(portalView(awaitingCure({ latestUpload: { status: 'pending', declineReason: null } }), CURE_DEADLINE - MINUTE, 'en').status).toBe('cure_submitted');
      const declined = portalView(awaitingCure({ latestUpload: { status: 'declined', declineReason: 'name_does_not_match' } }), CURE_DEADLINE - MINUTE, 'en');
      expect(declined.status).toBe('action_needed');
      expect(declined.action?.lastUploadDeclined).toBe('The name on the document does not match the name on your ballot envelope.');
    });
  });
});

describe('local time for voters', () => {
  it('shows the election\u2019s zone, daylight saving included (2 Nov 2020 is EST; 2 Oct 2020 is EDT)', () => {
    expect(localDeadline(CURE_DEADLINE, EST, 'en')).toBe('Friday, November 6, 2020 at 5:00 PM EST');
    expect(localDeadline(Date.parse('2020-10-02T17:00:00-04:00'), EST, 'en')).toBe('Friday, October 2, 2020 at 5:00 PM EDT');
    expect(localDeadline(CURE_DEADLINE, EST, 'es')).toMatch(/^viernes, 6 de noviembre de 2020/);
  });

  it('counts days by the local calendar: late on the evening before is still one day left', () => {
    expect(daysLeft(Date.parse('2020-11-05T23:30:00-05:00'), CURE_DEADLINE, EST)).toBe(1);
    expect(daysLeft(Date.parse('2020-11-06T00:30:00-05:00'), CURE_DEADLINE, EST)).toBe(0);
  });
});

describe('uploads are typed by their content, not their name', () => {
  it.each([
    ['a JPEG', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'image/jpeg'],
    ['a PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    ['a PDF', [...Buffer.from('%PDF-1.7\n')], 'application/pdf'],
    ['a Windows executable', [0x4d, 0x5a, 0x90, 0], null],
    ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46, 2, 1], null],
    ['an HTML page', [...Buffer.from('<html><script>')], null],
    ['a truncated PNG header', [0x89, 0x50, 0x4e], null],
  ] as const)('%s', (_name, bytes, expected) => {
    expect(detectMediaType(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe('upload tokens', () => {
  const tokens = new UploadTokens('a secret of the test', 60 * MINUTE);
  it('name the ballot they were issued for until they expire', () => {
    const token = tokens.issue('ballot-1', 0);
    expect(tokens.verify(token, 60 * MINUTE)?.ballotId).toBe('ballot-1');
    expect(tokens.verify(token, 60 * MINUTE + 1)).toBeNull();
  });
  it('each carry their own id, so the database can tell a spent one (issue 13: one document per token)', () => {
    const first = tokens.verify(tokens.issue('ballot-1', 0), 0);
    const second = tokens.verify(tokens.issue('ballot-1', 0), 0);
    expect(first?.tokenId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(second?.tokenId).not.toBe(first?.tokenId);
  });
  it('refuse a token whose id was swapped for another', () => {
    const [ballotId, expires, , signature] = tokens.issue('ballot-1', 0).split('.');
    expect(tokens.verify(`${ballotId}.${expires}.AAAAAAAAAAAAAAAA.${signature}`, 0)).toBeNull();
  });
  it('refuse a token for another ballot, a forged signature, or another secret', () => {
    const token = tokens.issue('ballot-1', 0);
    expect(tokens.verify(token.replace('ballot-1', 'ballot-2'), 0)).toBeNull();
    expect(tokens.verify(`${token.slice(0, -2)}xx`, 0)).toBeNull();
    expect(new UploadTokens('another secret').verify(token, 0)).toBeNull();
    expect(tokens.verify('garbage', 0)).toBeNull();
  });
});

describe('rate limits', () => {
  const settings = { perClient: 100, perReceiptClient: 3, perReceipt: 5, windowSeconds: 60, receiptRestSeconds: 1 };

  it('per (receipt, client): one client\'s failures stop that client for the window, not the voter elsewhere', async () => {
    const limits = new PortalLimits(settings);
    for (let i = 0; i < 3; i += 1) {
      expect((await limits.admit('stranger', 'R-1')).ok).toBe(true);
      await limits.failed('stranger', i % 2 === 0 ? 'R-1' : 'r-1 ');
    }
    const stopped = await limits.admit('stranger', 'R-1');
    expect(stopped).toEqual({ ok: false, retryAfterSeconds: expect.any(Number) as number });
    expect(stopped.ok ? 0 : stopped.retryAfterSeconds).toBeGreaterThan(50);
    expect(await limits.admit('voter', 'R-1')).toEqual({ ok: true });
    expect(await limits.admit('stranger', 'R-2')).toEqual({ ok: true });
  });

  it('per receipt: failures from many clients together rest the receipt, for everyone, only briefly (issue 13)', async () => {
    const limits = new PortalLimits(settings);
    for (let i = 0; i < 5; i += 1) await limits.failed(`stranger-${i}`, 'R-1');
    const resting = await limits.admit('voter', 'R-1');
    // The limit applies to any receipt number typed: a 429 says nothing about whether it exists.
    expect(resting).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(await limits.admit('voter', 'R-2')).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await limits.admit('voter', 'R-1')).toEqual({ ok: true });
  });

  it('per client: every request counts', async () => {
    const limits = new PortalLimits({ ...settings, perClient: 2 });
    expect((await limits.admit('a', 'X')).ok).toBe(true);
    expect((await limits.admit('a', 'Y')).ok).toBe(true);
    const third = await limits.admit('a', 'Z');
    expect(third.ok).toBe(false);
    expect(third.ok ? 0 : third.retryAfterSeconds).toBeGreaterThan(0);
    expect((await limits.admit('b', 'Z')).ok).toBe(true);
  });

  it('receipt numbers are matched as typed or in capitals', () => {
    expect(receiptCandidates('  ga20-p-1 ')).toEqual(['ga20-p-1', 'GA20-P-1']);
  });
});
