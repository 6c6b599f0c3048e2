import type { ChainHead } from '@app/audit';
import { countyScopeOf, reachesCounty, requirePermission, type StaffActor, type VoterLanguage } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';
import type { NoticeStore, Stores } from '@app/persistence';
import { NoticeContexts, parseVoterNotice, portalUrlFrom } from './notice-context';
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
  'subject',
  'letterText',
];

export interface LetterRenderOptions {
  /** PUBLIC_URL, for the portal link printed in cure letters. */
  readonly publicUrl: string;
  /** When the letters are printed: "in 2 days" counts from here. */
  readonly now: number;
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
    return n.markLetters(candidates.filter((o) => parseVoterNotice(o.payload) !== null).map((o) => o.id), now);
  });
}

/**
 * Every notice of the election (and county) that goes by mail, oldest first, with its letter
 * rendered in the voter's language. The mailing address is read here because it is what a letter
 * needs; it is written only to the list, never to a log.
 */
export async function letterList(stores: Stores, electionId: string, countyCode: string | undefined, options: LetterRenderOptions): Promise<LetterRow[]> {
  return stores.noticesRead((n) => letterRows(n, electionId, countyCode, options));
}

/**
 * The letter list for an export, as `actor`: pending notices without a contact moved to it first
 * (`markLetters`), then the rows, and a LETTERS_EXPORTED entry in the audit chain (how many, which
 * county; never a name or an address), so the chain says who took the mailing addresses and when.
 */
export async function exportLetters(
  stores: Stores,
  actor: StaffActor,
  electionId: string,
  countyCode: string | undefined,
  options: LetterRenderOptions,
): Promise<{ readonly moved: number; readonly rows: LetterRow[]; readonly auditHead: ChainHead | null }> {
  requirePermission(actor, 'export_letters');
  const scope = countyScopeOf(actor).county;
  if (scope === undefined || (countyCode !== undefined && !reachesCounty(actor, countyCode))) return { moved: 0, rows: [], auditHead: null };
  countyCode ??= scope ?? undefined;
  const moved = await markLetters(stores, electionId, options.now);
  const rows = await letterList(stores, electionId, countyCode, options);
  const entry = await stores.write(actor, (s) =>
    s.election(electionId).audit.append({ event: 'LETTERS_EXPORTED', payload: { countyCode: countyCode ?? null, letters: rows.length, movedToLetters: moved }, at: options.now }),
  );
  // The LETTERS_EXPORTED entry is the chain's head for this list: published with it (issue 13, section 6).
  return { moved, rows, auditHead: { seq: entry.seq, hash: entry.hash } };
}

async function letterRows(n: NoticeStore, electionId: string, countyCode: string | undefined, options: LetterRenderOptions): Promise<LetterRow[]> {
  const { outbox, ballots } = await n.letters(electionId, countyCode);
  const contexts = new NoticeContexts(n, portalUrlFrom(options.publicUrl), options.now);
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
