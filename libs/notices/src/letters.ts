import type { ChainHead } from '@app/audit';
import { countyScopeOf, DomainError, reachesCounty, requirePermission, type StaffActor, type VoterLanguage } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';
import type { RulePackRegistry } from '@app/rules';
import type { BallotEntity, NoticeStore, OutboxEntity, Stores } from '@app/persistence';
import { NoticeContexts, parseVoterNotice, portalUrlFrom } from './notice-context';
import { standingOf } from './dispatcher';
import { noticeStands } from './notice-map';
import { renderNotice } from './templates';
import { toCsv } from '@app/reports';

/** One notice to print and mail: the voter gave neither an email address nor a phone. */
export interface LetterRow {
  readonly outboxId: string;
  readonly electionId: string;
  readonly countyCode: string;
  readonly receiptNumber: string;
  readonly voterName: string;
  readonly mailingAddress: string;
  readonly language: VoterLanguage;
  readonly noticeType: VoterNotice['type'];
  /** When the notice was queued (ISO 8601), so a clerk can mail the oldest first. */
  readonly queuedAt: string;
  /** Why it goes by mail: no contact given, or the email or text that failed for good (never the address). */
  readonly whyMailed: string;
  readonly subject: string;
  readonly letterText: string;
}

export const LETTER_COLUMNS: readonly (keyof LetterRow)[] = [
  'outboxId',
  'electionId',
  'countyCode',
  'receiptNumber',
  'voterName',
  'mailingAddress',
  'language',
  'noticeType',
  'queuedAt',
  'whyMailed',
  'subject',
  'letterText',
];

export interface LetterRenderOptions {
  /** PUBLIC_URL, for the portal link printed in cure letters. */
  readonly publicUrl: string;
  /** When the letters are printed: "in 2 days" counts from here. */
  readonly now: number;
  /** The rule packs, for each county's zone (the deadline in the text); default: the bundled ones. */
  readonly packs?: RulePackRegistry;
}

/**
 * Moves every pending notice of the election whose voter gave neither an email address nor a
 * phone to the letter list, as the dispatcher would: so the list is complete even where no SMTP
 * server is configured and the dispatcher does not run. Conditional on `pending`, like the
 * dispatcher's own step, so the two never disagree. Returns how many moved.
 */
export async function markLetters(stores: Stores, electionId: string, now: number): Promise<number> {
  return stores.noticesWrite(async (n) => {
    const candidates = await n.pendingWithoutContact(electionId);
    const letters: string[] = [];
    for (const o of candidates) {
      const notice = parseVoterNotice(o.payload);
      const ballot = o.ballotId === null ? null : await n.ballot(o.ballotId);
      if (notice === null || ballot === null) continue; // the dispatcher marks those failed
      if (await supersededUnlessStands(n, o, notice, ballot, 'pending', now)) continue;
      letters.push(o.id);
    }
    return n.markLetters(letters, now);
  });
}

/**
 * Marks a notice `superseded`, with why, when it is no longer true of its ballot (a letter is sent
 * when it is printed: only what stands then goes out). True when it was.
 */
async function supersededUnlessStands(n: NoticeStore, o: OutboxEntity, notice: VoterNotice, ballot: BallotEntity, from: 'pending' | 'letter', now: number): Promise<boolean> {
  const standing = noticeStands(notice, standingOf(ballot));
  if (standing.stands) return false;
  await n.move(o.id, from, { status: 'superseded', processedAt: now, endReason: standing.because });
  return true;
}

/**
 * Every notice of the election (and county) on the letter list and not yet printed, oldest first, with its letter
 * rendered in the voter's language. The mailing address is read here because it is what a letter
 * needs; it is written only to the list, never to a log.
 */
export async function letterList(stores: Stores, electionId: string, countyCode: string | undefined, options: LetterRenderOptions): Promise<LetterRow[]> {
  return stores.noticesRead((n) => letterRows(n, electionId, countyCode, options));
}

export interface LetterExport {
  /** Pending notices of voters without a contact, moved to the list by this export. */
  readonly moved: number;
  /** The batch the letters were printed in; null when there was nothing new to print. */
  readonly batch: number | null;
  readonly rows: LetterRow[];
  /** The chain's head once the export is recorded (its LETTERS_EXPORTED entry); null when the actor reaches nothing. */
  readonly auditHead?: ChainHead | null;
}

/**
 * An export of the letter list, as `actor`. Without `batch`: the pending notices without a
 * contact are moved to the list (`markLetters`), every letter on the list not yet printed is
 * recorded as the election's next numbered batch and marked `printed`, so the next export lists
 * only letters that came after it. With `batch`: that batch's letters again, as they were
 * printed. Either way a LETTERS_EXPORTED entry in the audit chain says who took the mailing
 * addresses, when, and which batch (how many, which county; never a name or an address).
 */
export async function exportLetters(stores: Stores, actor: StaffActor, electionId: string, countyCode: string | undefined, options: LetterRenderOptions, batch?: number): Promise<LetterExport> {
  requirePermission(actor, 'export_letters');
  const scope = countyScopeOf(actor).county;
  if (scope === undefined || (countyCode !== undefined && !reachesCounty(actor, countyCode))) {
    if (batch !== undefined) throw new DomainError('not_found', `no letter batch ${batch} in election ${electionId}`);
    return { moved: 0, batch: null, rows: [] };
  }
  countyCode ??= scope ?? undefined;
  let result: LetterExport;
  if (batch === undefined) {
    const moved = await markLetters(stores, electionId, options.now);
    result = await stores.noticesWrite(async (n) => {
      const all = await n.letters(electionId, countyCode);
      const standing: OutboxEntity[] = [];
      for (const o of all.outbox) {
        const notice = parseVoterNotice(o.payload);
        const ballot = o.ballotId === null ? undefined : all.ballots.get(o.ballotId);
        if (notice !== null && ballot !== undefined && (await supersededUnlessStands(n, o, notice, ballot, 'letter', options.now))) continue;
        standing.push(o);
      }
      if (standing.length === 0) return { moved, batch: null, rows: [] };
      const printed = await n.printLetters(electionId, countyCode ?? null, standing.map((o) => o.id), actor.id, options.now);
      return { moved, batch: printed.number, rows: await renderLetters(n, { outbox: standing, ballots: all.ballots }, options) };
    });
  } else {
    const again = batch;
    result = await stores.noticesRead(async (n) => {
      const found = await n.letterBatch(electionId, again);
      // A county's staff reach only their county's batches: another county's is "not found" too.
      if (found === null || (countyCode !== undefined && found.countyCode !== countyCode)) throw new DomainError('not_found', `no letter batch ${again} in election ${electionId}`);
      return { moved: 0, batch: again, rows: await renderLetters(n, await n.letters(electionId, countyCode, again), options) };
    });
  }
  const entry = await stores.write(actor, (s) =>
    s.election(electionId).audit.append({
      event: 'LETTERS_EXPORTED',
      payload: { countyCode: countyCode ?? null, letters: result.rows.length, movedToLetters: result.moved, batch: result.batch, exportedAgain: batch !== undefined },
      at: options.now,
    }),
  );
  // The LETTERS_EXPORTED entry is the chain's head for this list: published with it (issue 13, section 6).
  return { ...result, auditHead: { seq: entry.seq, hash: entry.hash } };
}

async function letterRows(n: NoticeStore, electionId: string, countyCode: string | undefined, options: LetterRenderOptions): Promise<LetterRow[]> {
  return renderLetters(n, await n.letters(electionId, countyCode), options);
}

async function renderLetters(n: NoticeStore, listed: { readonly outbox: readonly OutboxEntity[]; readonly ballots: ReadonlyMap<string, BallotEntity> }, options: LetterRenderOptions): Promise<LetterRow[]> {
  const { outbox, ballots } = listed;
  const contexts = new NoticeContexts(n, portalUrlFrom(options.publicUrl), options.now, options.packs);
  const rows: LetterRow[] = [];
  for (const o of outbox) {
    const notice = parseVoterNotice(o.payload);
    const ballot = o.ballotId === null ? undefined : ballots.get(o.ballotId);
    if (notice === null || ballot === undefined) continue; // the dispatcher marks those failed, never `letter`
    const rendered = renderNotice(notice, await contexts.of(ballot, notice), ballot.language);
    rows.push({
      outboxId: o.id,
      electionId: ballot.electionId,
      countyCode: ballot.countyCode,
      receiptNumber: ballot.receiptNumber,
      voterName: `${ballot.firstName} ${ballot.lastName}`,
      mailingAddress: ballot.address,
      language: ballot.language,
      noticeType: notice.type,
      queuedAt: new Date(o.createdAt).toISOString(),
      whyMailed: o.endReason ?? 'no email address or phone given',
      subject: rendered.subject,
      letterText: rendered.text,
    });
  }
  return rows;
}

/**
 * The letter list as CSV for a spreadsheet: RFC 4180 quoting and formula neutralising by the
 * reports' own writer, with a UTF-8 byte-order mark so spreadsheets read the Spanish accents.
 */
export function lettersCsv(rows: readonly LetterRow[]): string {
  return `\ufeff${toCsv(rows, LETTER_COLUMNS)}`;
}
