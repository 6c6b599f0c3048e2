import { toCsv } from '@app/ballots';
import type { VoterLanguage } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';
import { BallotEntity, OutboxEntity, type TransactionRunner } from '@app/persistence';
import type { DataSource } from 'typeorm';
import { VOTER_NOTICE } from './dispatcher';
import { NoticeContexts, parseVoterNotice, portalUrlFrom } from './notice-context';
import { renderNotice } from './templates';

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
export async function markLetters(tx: TransactionRunner, electionId: string, now: number): Promise<number> {
  return tx.run(async (m) => {
    const candidates = await m
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .innerJoin(BallotEntity, 'b', 'b.id = o.ballot_id')
      .where('o.kind = :kind', { kind: VOTER_NOTICE })
      .andWhere("o.status = 'pending'")
      .andWhere('b.election_id = :electionId', { electionId })
      .andWhere("(b.contact_email IS NULL OR TRIM(b.contact_email) = '')")
      .andWhere("(b.contact_phone IS NULL OR TRIM(b.contact_phone) = '')")
      .getMany();
    const ids = candidates.filter((o) => parseVoterNotice(o.payload) !== null).map((o) => o.id);
    let moved = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const result = await m
        .createQueryBuilder()
        .update(OutboxEntity)
        .set({ status: 'letter', channel: 'letter', processedAt: now })
        .where("id IN (:...chunk) AND status = 'pending'", { chunk })
        .execute();
      moved += result.affected ?? 0;
    }
    return moved;
  });
}

/**
 * Every notice of the election (and county) that goes by mail, oldest first, with its letter
 * rendered in the voter's language. The mailing address is read here because it is what a letter
 * needs; it is written only to the list, never to a log.
 */
export async function letterList(dataSource: DataSource, electionId: string, countyCode: string | undefined, options: LetterRenderOptions): Promise<LetterRow[]> {
  const query = dataSource
    .getRepository(OutboxEntity)
    .createQueryBuilder('o')
    .innerJoin(BallotEntity, 'b', 'b.id = o.ballot_id')
    .where('o.kind = :kind', { kind: VOTER_NOTICE })
    .andWhere("o.status = 'letter'")
    .andWhere('b.election_id = :electionId', { electionId });
  if (countyCode !== undefined) query.andWhere('b.county_code = :countyCode', { countyCode });
  const outbox = await query.orderBy('o.created_at', 'ASC').addOrderBy('o.id', 'ASC').getMany();
  const ballots = new Map<string, BallotEntity>();
  const ids = [...new Set(outbox.map((o) => o.ballotId).filter((id): id is string => id !== null))];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const b of await dataSource.getRepository(BallotEntity).createQueryBuilder('b').where('b.id IN (:...chunk)', { chunk }).getMany()) ballots.set(b.id, b);
  }
  const contexts = new NoticeContexts(dataSource.manager, portalUrlFrom(options.publicUrl), options.now);
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
