import { throwIllegalValue, type BallotKind, type VoterLanguage } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';
import { daysLeft, localDeadline, wordsFor, type NoticeWords } from '@app/wording';

/**
 * What a voter is told about their ballot, by email, text message or mailed letter, in English or
 * Spanish. Pure: everything it needs comes in on the context. Every sentence is in `@app/wording`,
 * one module per language, and the ones that say what to do and why a ballot was not counted are
 * the portal's too, so the two never disagree. Nothing here reads the voter's date of birth or
 * address.
 */

/** Where the voter goes to cure in person, and whom to ask. Any field the county has not given is left out. */
export interface OfficeContact {
  readonly name: string | null;
  /** The county's name, for "Fulton County election office" when the office has no name on file. */
  readonly countyName: string;
  readonly address: string | null;
  readonly hours: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

export interface NoticeContext {
  readonly voterName: string;
  readonly receiptNumber: string;
  readonly ballotKind: BallotKind;
  readonly electionName: string;
  /** The election's IANA zone: deadlines are shown in it. */
  readonly timeZone: string;
  readonly office: OfficeContact;
  /** The voter portal, `${PUBLIC_URL}/portal`. */
  readonly portalUrl: string;
  /** Contest id to its name on the ballot (a partial count lists the races by name). */
  readonly contestNames: Readonly<Record<string, string>>;
  /** When the notice is written: "in 2 days" is counted from here. */
  readonly now: number;
}

export interface RenderedNotice {
  readonly subject: string;
  /** The email's plain-text body; also the mailed letter's text. */
  readonly text: string;
  /** At most SMS_MAX_LENGTH characters (two concatenated text messages). */
  readonly sms: string;
}

export const SMS_MAX_LENGTH = 320;

function officeLines(office: OfficeContact, p: NoticeWords): string[] {
  const lines = [office.name ?? p.officeName(office.countyName)];
  if (office.address !== null) lines.push(office.address);
  if (office.hours !== null) lines.push(`${p.labels.hours}: ${office.hours}`);
  if (office.phone !== null) lines.push(`${p.labels.phone}: ${office.phone}`);
  if (office.email !== null) lines.push(`${p.labels.email}: ${office.email}`);
  return lines;
}

/** The first candidate that fits in a text message; the last one cut to fit if none does. */
function fitSms(candidates: readonly string[]): string {
  const fitting = candidates.find((c) => c.length <= SMS_MAX_LENGTH);
  if (fitting !== undefined) return fitting;
  const last = candidates[candidates.length - 1] ?? '';
  return `${last.slice(0, SMS_MAX_LENGTH - 1)}\u2026`;
}

const join = (...parts: readonly (string | null)[]): string => parts.filter((p): p is string => p !== null && p !== '').join(' ');

export function renderNotice(notice: VoterNotice, context: NoticeContext, language: VoterLanguage): RenderedNotice {
  const words = wordsFor(language);
  const p = words.notice;
  const kind = words.ballotKind[context.ballotKind];
  const office = context.office;
  const from = office.name ?? p.officeName(office.countyName);
  const ballot = p.ballot(kind, context.receiptNumber, context.electionName);
  const smsBallot = `${from}: ${p.sms.ballot(kind, context.receiptNumber)}`;
  const reach = office.phone ?? office.email;
  const questions = reach === null ? null : p.sms.questions(reach);
  const subject = p.subject[notice.type](kind, context.receiptNumber);
  const body = (...paragraphs: readonly string[]) => [p.greeting(context.voterName), ...paragraphs, from].join('\n\n') + '\n';

  switch (notice.type) {
    case 'cure_requested': {
      const action = words.cureAction[notice.cureReason];
      const short = p.sms.cureShort[notice.cureReason];
      const deadline = localDeadline(notice.deadline, context.timeZone, language);
      const left = daysLeft(context.now, notice.deadline, context.timeZone);
      const text = body(
        `${ballot} ${p.cureIntro}`,
        `${p.whatToDo}\n${action}`,
        `${p.deadline} ${deadline}${left >= 0 ? p.days(left) : ''}\n${p.missDeadline}`,
        `${p.whereToGo}\n${officeLines(office, p).join('\n')}`,
        p.upload(context.portalUrl, context.receiptNumber),
      );
      const sms = fitSms([
        join(smsBallot, p.sms.cure, p.sms.cureBy(deadline), action, questions, p.sms.uploadAt(context.portalUrl)),
        join(smsBallot, p.sms.cure, p.sms.cureBy(deadline), short, questions, p.sms.uploadAt(context.portalUrl)),
        join(smsBallot, p.sms.cure, p.sms.cureBy(deadline), short, p.sms.uploadAt(context.portalUrl)),
        join(smsBallot, p.sms.cure, p.sms.cureBy(deadline), short, p.sms.details(context.portalUrl)),
        join(smsBallot, p.sms.cure, p.sms.cureBy(deadline), questions, p.sms.uploadAt(context.portalUrl)),
        join(smsBallot, p.sms.cure, p.sms.cureBy(deadline), p.sms.uploadAt(context.portalUrl)),
      ]);
      return { subject, text, sms };
    }
    case 'counted': {
      const text = body(`${ballot} ${p.counted} ${p.thanks}`, `${p.contact}\n${officeLines(office, p).join('\n')}`);
      return { subject, text, sms: fitSms([join(smsBallot, p.counted, p.thanks, questions), join(smsBallot, p.counted, p.thanks)]) };
    }
    case 'partially_counted': {
      const names = notice.contests.map((id) => context.contestNames[id] ?? id);
      const text = body(
        `${ballot} ${p.partial}\n${names.map((n) => `- ${n}`).join('\n')}`,
        p.partialRest,
        `${p.contact}\n${officeLines(office, p).join('\n')}`,
      );
      const sms = fitSms([
        join(smsBallot, p.sms.partialCounted(names.join('; ')), questions),
        join(smsBallot, p.sms.partialShort, p.sms.details(context.portalUrl), questions),
        join(smsBallot, p.sms.partialShort, p.sms.details(context.portalUrl)),
      ]);
      return { subject, text, sms };
    }
    case 'rejected': {
      const why = words.rejectionExplained[notice.reason];
      const text = body(`${ballot} ${p.rejected}`, `${p.why} ${why}`, `${p.contactIfWrong}\n${officeLines(office, p).join('\n')}`);
      const sms = fitSms([
        join(smsBallot, p.rejected, why, questions),
        join(smsBallot, p.rejected, p.sms.details(context.portalUrl), questions),
        join(smsBallot, p.rejected, p.sms.details(context.portalUrl)),
      ]);
      return { subject, text, sms };
    }
    case 'cure_declined': {
      const why = words.declineExplained[notice.reason];
      const deadline = localDeadline(notice.deadline, context.timeZone, language);
      const left = daysLeft(context.now, notice.deadline, context.timeZone);
      const text = body(
        `${ballot} ${p.declined}`,
        `${p.why} ${why}`,
        `${p.tryAgain}\n${p.deadline} ${deadline}${left >= 0 ? p.days(left) : ''}\n${p.missDeadline}`,
        `${p.whereToGo}\n${officeLines(office, p).join('\n')}`,
        p.upload(context.portalUrl, context.receiptNumber),
      );
      const sms = fitSms([
        join(smsBallot, p.sms.declined, why, p.sms.cureBy(deadline), p.sms.uploadAt(context.portalUrl)),
        join(smsBallot, p.sms.declined, p.sms.cureBy(deadline), p.sms.uploadAt(context.portalUrl)),
      ]);
      return { subject, text, sms };
    }
    case 'cure_deadline_moved': {
      const action = words.cureAction[notice.cureReason];
      const short = p.sms.cureShort[notice.cureReason];
      const deadline = localDeadline(notice.deadline, context.timeZone, language);
      const left = daysLeft(context.now, notice.deadline, context.timeZone);
      const text = body(
        `${ballot} ${p.moved}${notice.courtOrder === null ? '' : ` ${p.movedBy(notice.courtOrder)}`}`,
        `${p.whatToDo}\n${action}`,
        `${p.deadline} ${deadline}${left >= 0 ? p.days(left) : ''}\n${p.missDeadline}`,
        `${p.whereToGo}\n${officeLines(office, p).join('\n')}`,
        p.upload(context.portalUrl, context.receiptNumber),
      );
      const sms = fitSms([
        join(smsBallot, p.sms.moved, p.sms.cureBy(deadline), action, questions, p.sms.uploadAt(context.portalUrl)),
        join(smsBallot, p.sms.moved, p.sms.cureBy(deadline), short, questions, p.sms.uploadAt(context.portalUrl)),
        join(smsBallot, p.sms.moved, p.sms.cureBy(deadline), short, p.sms.uploadAt(context.portalUrl)),
        join(smsBallot, p.sms.moved, p.sms.cureBy(deadline), short, p.sms.details(context.portalUrl)),
        join(smsBallot, p.sms.moved, p.sms.cureBy(deadline), p.sms.uploadAt(context.portalUrl)),
      ]);
      return { subject, text, sms };
    }
    default:
      return throwIllegalValue(notice, 'notice type');
  }
}
