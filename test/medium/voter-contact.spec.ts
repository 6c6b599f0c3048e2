import type { IntakeInput } from '@app/ballots';
import { NoticeDispatcher, type EmailTransport, type OutgoingEmail, type OutgoingSms, type SmsProvider } from '@app/notices';
import { AuditEntryEntity, BallotEntity, ContactChangeEntity, CountyEntity, OutboxEntity } from '@app/persistence';
import { ContactUpdates, MAX_WRONG_CODES } from '@app/portal';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { FULTON_CLERK, GA_2020_ELECTION, provisionalIntake, seedGeorgia2020, services, type Services } from '@test/support/services';

/**
 * Issue 15 item 5: a voter asks on the portal for updates at a new email or phone. A code goes to
 * the new address through the outbox before it is used; until it comes back the notices go where
 * they went before; the change and its removal are audited by channel, never with the address.
 */
const THURSDAY = Date.UTC(2020, 10, 5, 15); // Thu 5 Nov 2020, 10:00 EST
const OLD_EMAIL = 'before@example.net';
const NEW_EMAIL = 'after.voter@example.org';
const NEW_PHONE = '(404) 555-0188';
const NEEDS_ID: Partial<IntakeInput> = { claimedVoterId: '1002', lastName: 'Voter1002', idShown: false, issuedReason: 'no_id', contactEmail: OLD_EMAIL };

class Recording implements EmailTransport, SmsProvider {
  readonly emails: OutgoingEmail[] = [];
  readonly texts: OutgoingSms[] = [];
  send(message: OutgoingEmail | OutgoingSms): Promise<{ detail: string }> {
    if ('subject' in message) this.emails.push(message);
    else this.texts.push(message);
    return Promise.resolve({ detail: '250 OK' });
  }
  close(): void {}
}

describe.each(testDatabases())('a voter opts in to updates on %s (medium: real database, the real dispatcher)', (kind) => {
  let db: TestDatabase;
  let s: Services;
  let contacts: ContactUpdates;
  let sent: Recording;
  let dispatcher: NoticeDispatcher;
  const log: Readonly<Record<string, unknown>>[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
    s = services(db.dataSource, THURSDAY);
    contacts = new ContactUpdates(s.stores, s.clock);
  }, 60_000);
  afterAll(async () => db.destroy());
  beforeEach(() => {
    sent = new Recording();
    dispatcher = new NoticeDispatcher(s.stores, { email: sent, sms: sent }, s.clock, { publicUrl: 'https://vote.example.gov', log: (l) => log.push(l) });
  });

  const ballotOf = (id: string) => db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id });
  const auditOf = (ballotId: string) => db.dataSource.getRepository(AuditEntryEntity).find({ where: { ballotId }, order: { seq: 'ASC' } });
  async function cureRequested(): Promise<string> {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake(NEEDS_ID));
    await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'REQUEST_CURE', cureReason: 'id_required' }, 1);
    return ballot.id;
  }
  /** The code in the last message sent to this address (what the voter reads). */
  const codeSent = (to: string): string => /\b(\d{6})\b/.exec([...sent.emails, ...sent.texts].filter((m) => m.to === to).at(-1)?.text ?? '')?.[1] ?? 'none';

  it('a new email is used only after its code comes back; until then notices go to the old one; the audit names the channel, never the address', async () => {
    const id = await cureRequested();
    const asked = await contacts.request(id, 'email', `  ${NEW_EMAIL} `, 'es');
    expect(asked).toMatchObject({ ok: true, channel: 'email', masked: 'a\u2022\u2022\u2022@example.org' });
    expect((await ballotOf(id)).contactEmail).toBe(OLD_EMAIL);

    await dispatcher.runOnce();
    // The cure notice went to the old address; the code, in Spanish, to the new one only.
    expect(sent.emails.map((e) => e.to).sort()).toEqual([NEW_EMAIL, OLD_EMAIL].sort());
    const codeMail = sent.emails.find((e) => e.to === NEW_EMAIL);
    expect(codeMail?.subject).toBe('Su código para avisos sobre su boleta');
    const code = codeSent(NEW_EMAIL);
    expect(code).toMatch(/^\d{6}$/);
    // Once sent, the outbox row no longer holds the code.
    const row = await db.dataSource.getRepository(OutboxEntity).findOneByOrFail({ kind: 'contact_confirmation', ballotId: id });
    expect(row).toMatchObject({ status: 'sent', channel: 'email' });
    expect(JSON.stringify(row.payload)).not.toContain(code);

    const pending = await contacts.summary(id);
    const changeId = pending?.pending?.changeId ?? '';
    const wrong = code === '000000' ? '000001' : '000000';
    await expect(contacts.confirm(id, changeId, wrong)).resolves.toEqual({ ok: false, problem: 'code' });
    expect((await ballotOf(id)).contactEmail).toBe(OLD_EMAIL);
    await expect(contacts.confirm(id, changeId, code)).resolves.toMatchObject({ ok: true, channel: 'email' });
    const after = await ballotOf(id);
    expect(after).toMatchObject({ contactEmail: NEW_EMAIL, language: 'es' });
    // A code works once.
    await expect(contacts.confirm(id, changeId, code)).resolves.toEqual({ ok: false, problem: 'code_expired' });

    const entries = await auditOf(id);
    expect(entries.filter((e) => e.event.startsWith('VOTER_CONTACT')).map((e) => [e.event, e.actorId, (e.payload as { channel: string }).channel])).toEqual([
      ['VOTER_CONTACT_REQUESTED', 'voter-portal', 'email'],
      ['VOTER_CONTACT_CONFIRMED', 'voter-portal', 'email'],
    ]);
    for (const entry of entries) expect(JSON.stringify(entry)).not.toMatch(/after\.voter|example\.org|before@/);
    expect(JSON.stringify(log)).not.toMatch(/after\.voter|example\.org|before@/);
    expect(JSON.stringify(log)).not.toContain(code);
  });

  it('a phone: stored in E.164, the code goes by text; removing it is one step, audited, and notices stop going there', async () => {
    const id = await cureRequested();
    await expect(contacts.request(id, 'sms', '404-555', 'en')).resolves.toEqual({ ok: false, problem: 'phone' });
    await expect(contacts.request(id, 'pigeon', NEW_PHONE, 'en')).resolves.toEqual({ ok: false, problem: 'channel' });
    await expect(contacts.request(id, 'email', 'not an address', 'en')).resolves.toEqual({ ok: false, problem: 'email' });
    const asked = await contacts.request(id, 'sms', NEW_PHONE, 'en');
    expect(asked).toMatchObject({ ok: true, masked: '\u2022\u2022\u2022 \u2022\u2022\u2022 0188' });
    await dispatcher.runOnce();
    expect(sent.texts.map((t) => t.to)).toEqual(['+14045550188']);
    const changeId = (await contacts.summary(id))?.pending?.changeId ?? '';
    await expect(contacts.confirm(id, changeId, codeSent('+14045550188'))).resolves.toMatchObject({ ok: true, channel: 'sms' });
    expect((await ballotOf(id)).contactPhone).toBe('+14045550188');

    await expect(contacts.remove(id, 'sms')).resolves.toMatchObject({ ok: true });
    await expect(contacts.remove(id, 'email')).resolves.toMatchObject({ ok: true });
    expect(await ballotOf(id)).toMatchObject({ contactPhone: null, contactEmail: null });
    const events = (await auditOf(id)).filter((e) => e.event === 'VOTER_CONTACT_REMOVED').map((e) => e.payload);
    expect(events).toEqual([{ channel: 'sms' }, { channel: 'email' }]);
    expect(await contacts.summary(id)).toEqual({ email: null, phone: null, pending: null });
  });

  it('a second request replaces the first (its code no longer works nor is sent); too many wrong codes end the change; an expired code is refused', async () => {
    const id = await cureRequested();
    await contacts.request(id, 'email', 'first@example.org', 'en');
    await contacts.request(id, 'email', NEW_EMAIL, 'en');
    await dispatcher.runOnce();
    expect(sent.emails.filter((e) => e.to !== OLD_EMAIL).map((e) => e.to)).toEqual([NEW_EMAIL]);
    const changes = await db.dataSource.getRepository(ContactChangeEntity).find({ where: { ballotId: id }, order: { requestedAt: 'ASC', status: 'ASC' } });
    expect(changes.map((c) => c.status).sort()).toEqual(['pending', 'replaced']);
    const rows = await db.dataSource.getRepository(OutboxEntity).findBy({ kind: 'contact_confirmation', ballotId: id });
    expect(rows.map((r) => r.status).sort()).toEqual(['sent', 'superseded']);
    expect(rows.map((r) => Object.keys(r.payload))).toEqual([['changeId'], ['changeId']]);
    const changeId = (await contacts.summary(id))?.pending?.changeId ?? '';
    const code = codeSent(NEW_EMAIL);
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 1; i < MAX_WRONG_CODES; i += 1) await expect(contacts.confirm(id, changeId, wrong)).resolves.toEqual({ ok: false, problem: 'code' });
    await expect(contacts.confirm(id, changeId, wrong)).resolves.toEqual({ ok: false, problem: 'code_used_up' });
    await expect(contacts.confirm(id, changeId, code)).resolves.toEqual({ ok: false, problem: 'code_used_up' });
    expect((await ballotOf(id)).contactEmail).toBe(OLD_EMAIL);

    await contacts.request(id, 'email', NEW_EMAIL, 'en');
    await dispatcher.runOnce();
    const later = (await contacts.summary(id))?.pending?.changeId ?? '';
    s.clock.current += 31 * 60_000;
    try {
      await expect(contacts.confirm(id, later, codeSent(NEW_EMAIL))).resolves.toEqual({ ok: false, problem: 'code_expired' });
    } finally {
      s.clock.current = THURSDAY;
    }
    expect((await ballotOf(id)).contactEmail).toBe(OLD_EMAIL);
  });

  it('a change of another ballot cannot be confirmed through this one', async () => {
    const mine = await cureRequested();
    const theirs = await cureRequested();
    await contacts.request(theirs, 'email', NEW_EMAIL, 'en');
    await dispatcher.runOnce();
    const changeId = (await contacts.summary(theirs))?.pending?.changeId ?? '';
    await expect(contacts.confirm(mine, changeId, codeSent(NEW_EMAIL))).resolves.toEqual({ ok: false, problem: 'code_expired' });
    expect((await ballotOf(theirs)).contactEmail).toBe(OLD_EMAIL);
  });

  it('the office in a notice is in the voter\u2019s language where the county gave a translation', async () => {
    await db.dataSource.getRepository(CountyEntity).update({ electionId: GA_2020_ELECTION, code: 'FULTON' }, { officeHours: 'Monday to Friday, 8 AM to 5 PM', officeTranslations: { es: { hours: 'De lunes a viernes, de 8 a. m. a 5 p. m.' } } });
    const english = await cureRequested();
    const spanish = await s.intake.intake(FULTON_CLERK, provisionalIntake({ ...NEEDS_ID, language: 'es', contactEmail: 'es.voter@example.net' }));
    await s.transitions.apply(FULTON_CLERK, spanish.id, { type: 'REQUEST_CURE', cureReason: 'id_required' }, 1);
    await dispatcher.runOnce();
    expect(english).not.toBe(spanish.id);
    expect(sent.emails.find((e) => e.to === 'es.voter@example.net')?.text).toContain('De lunes a viernes, de 8 a. m. a 5 p. m.');
    expect(sent.emails.find((e) => e.to === OLD_EMAIL)?.text).toContain('Monday to Friday, 8 AM to 5 PM');
  });
});
