import { throwIllegalValue, type BallotKind, type VoterLanguage } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';
import { BALLOT_KIND_NAME, CURE_ACTION, daysLeft, DECLINE_EXPLAINED, localDeadline, REJECTION_EXPLAINED } from '@app/portal/wording';

/**
 * What a voter is told about their ballot, by email, text message or mailed letter, in English or
 * Spanish. Pure: everything it needs comes in on the context. The sentences that say what to do
 * and why a ballot was not counted are the portal's (`@app/portal/wording`), so the two never
 * disagree. Nothing here reads the voter's date of birth or address.
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

interface Phrases {
  readonly greeting: (name: string) => string;
  readonly officeName: (county: string) => string;
  readonly ballot: (kind: string, receipt: string, election: string) => string;
  readonly subject: Readonly<Record<VoterNotice['type'], (kind: string, receipt: string) => string>>;
  readonly cureIntro: string;
  readonly whatToDo: string;
  readonly deadline: string;
  readonly days: (n: number) => string;
  readonly missDeadline: string;
  readonly whereToGo: string;
  readonly upload: (url: string, receipt: string) => string;
  readonly counted: string;
  readonly thanks: string;
  readonly partial: string;
  readonly partialRest: string;
  readonly rejected: string;
  readonly declined: string;
  readonly moved: string;
  readonly movedBy: (order: string) => string;
  readonly tryAgain: string;
  readonly why: string;
  readonly contactIfWrong: string;
  readonly contact: string;
  readonly labels: { readonly hours: string; readonly phone: string; readonly email: string };
  readonly sms: {
    readonly ballot: (kind: string, receipt: string) => string;
    readonly cure: string;
    readonly declined: string;
    readonly moved: string;
    readonly cureBy: (deadline: string) => string;
    readonly uploadAt: (url: string) => string;
    readonly partialCounted: (names: string) => string;
    readonly partialShort: string;
    readonly questions: (reach: string) => string;
    readonly details: (url: string) => string;
  };
}

const PHRASES: Readonly<Record<VoterLanguage, Phrases>> = {
  en: {
    greeting: (name) => `Dear ${name},`,
    officeName: (county) => `${county} County election office`,
    ballot: (kind, receipt, election) => `Your ${kind} (receipt number ${receipt}) in the ${election}`,
    subject: {
      cure_requested: (kind, receipt) => `Action needed: your ${kind} ${receipt}`,
      counted: (kind, receipt) => `Your ${kind} ${receipt} was counted`,
      partially_counted: (kind, receipt) => `Your ${kind} ${receipt} was counted in part`,
      rejected: (kind, receipt) => `Your ${kind} ${receipt} was not counted`,
      cure_declined: (kind, receipt) => `Action needed: we could not accept your document for ${kind} ${receipt}`,
      cure_deadline_moved: (kind, receipt) => `New deadline for your ${kind} ${receipt}`,
    },
    cureIntro: 'cannot be counted yet. The election office needs something from you first.',
    whatToDo: 'What to do:',
    deadline: 'Deadline:',
    days: (n) => (n === 0 ? ' (today)' : n === 1 ? ' (tomorrow)' : ` (in ${n} days)`),
    missDeadline: 'If this is not done by the deadline, your ballot will not be counted.',
    whereToGo: 'Where to go:',
    upload: (url, receipt) => `You can also upload the document online instead of going to the office: ${url}\nFind your ballot there with your receipt number, ${receipt}.`,
    counted: 'was counted.',
    thanks: 'Thank you for voting.',
    partial: 'was counted in part. Only the races you were eligible to vote in, at the address where you are registered, were counted:',
    partialRest: 'The other races on your ballot were not counted.',
    rejected: 'was not counted.',
    declined: 'still cannot be counted: the election office could not accept the document you uploaded.',
    moved: 'still needs something from you, and the deadline to provide it has changed.',
    movedBy: (order) => `The deadline was changed by ${order}.`,
    tryAgain: 'You can upload another document, or go to the election office, before the deadline.',
    why: 'Why:',
    contactIfWrong: 'If you have questions, or you think this is a mistake, contact the election office:',
    contact: 'If you have questions, contact the election office:',
    labels: { hours: 'Hours', phone: 'Phone', email: 'Email' },
    sms: {
      ballot: (kind, receipt) => `your ${kind} ${receipt}`,
      cure: 'cannot be counted yet.',
      declined: 'still cannot be counted: we could not accept your upload.',
      moved: 'has a new deadline.',
      cureBy: (deadline) => `Act by ${deadline}.`,
      uploadAt: (url) => `Go to the election office, or upload the document at ${url}`,
      partialCounted: (names) => `was counted in part. Counted: ${names}.`,
      partialShort: 'was counted in part: only the races you were eligible to vote in.',
      questions: (reach) => `Questions: ${reach}.`,
      details: (url) => `Details: ${url}`,
    },
  },
  es: {
    greeting: (name) => `Estimado/a ${name}:`,
    officeName: (county) => `Oficina electoral del condado de ${county}`,
    ballot: (kind, receipt, election) => `Su ${kind} (n\u00famero de recibo ${receipt}) en la elecci\u00f3n ${election}`,
    subject: {
      cure_requested: (kind, receipt) => `Acci\u00f3n necesaria: su ${kind} ${receipt}`,
      counted: (kind, receipt) => `Su ${kind} ${receipt} fue contada`,
      partially_counted: (kind, receipt) => `Su ${kind} ${receipt} fue contada en parte`,
      rejected: (kind, receipt) => `Su ${kind} ${receipt} no fue contada`,
      cure_declined: (kind, receipt) => `Acci\u00f3n necesaria: no pudimos aceptar su documento para su ${kind} ${receipt}`,
      cure_deadline_moved: (kind, receipt) => `Nueva fecha l\u00edmite para su ${kind} ${receipt}`,
    },
    cureIntro: 'todav\u00eda no se puede contar. Primero, la oficina electoral necesita algo de usted.',
    whatToDo: 'Qu\u00e9 debe hacer:',
    deadline: 'Fecha l\u00edmite:',
    days: (n) => (n === 0 ? ' (hoy)' : n === 1 ? ' (ma\u00f1ana)' : ` (en ${n} d\u00edas)`),
    missDeadline: 'Si no lo hace antes de la fecha l\u00edmite, su boleta no se contar\u00e1.',
    whereToGo: 'Ad\u00f3nde ir:',
    upload: (url, receipt) => `Tambi\u00e9n puede subir el documento en l\u00ednea en lugar de ir a la oficina: ${url}\nBusque all\u00ed su boleta con su n\u00famero de recibo, ${receipt}.`,
    counted: 'fue contada.',
    thanks: 'Gracias por votar.',
    partial: 'fue contada en parte. Solo se contaron las contiendas en las que usted pod\u00eda votar seg\u00fan la direcci\u00f3n donde est\u00e1 inscrito:',
    partialRest: 'Las dem\u00e1s contiendas de su boleta no se contaron.',
    rejected: 'no fue contada.',
    declined: 'todav\u00eda no se puede contar: la oficina electoral no pudo aceptar el documento que subi\u00f3.',
    moved: 'todav\u00eda necesita algo de usted, y la fecha l\u00edmite para hacerlo cambi\u00f3.',
    movedBy: (order) => `La fecha l\u00edmite cambi\u00f3 por ${order}.`,
    tryAgain: 'Puede subir otro documento, o ir a la oficina electoral, antes de la fecha l\u00edmite.',
    why: 'Por qu\u00e9:',
    contactIfWrong: 'Si tiene preguntas o cree que se trata de un error, comun\u00edquese con la oficina electoral:',
    contact: 'Si tiene preguntas, comun\u00edquese con la oficina electoral:',
    labels: { hours: 'Horario', phone: 'Tel\u00e9fono', email: 'Correo electr\u00f3nico' },
    sms: {
      ballot: (kind, receipt) => `su ${kind} ${receipt}`,
      cure: 'todav\u00eda no se puede contar.',
      declined: 'todav\u00eda no se puede contar: no pudimos aceptar su documento.',
      moved: 'tiene una nueva fecha l\u00edmite.',
      cureBy: (deadline) => `Act\u00fae antes del ${deadline}.`,
      uploadAt: (url) => `Vaya a la oficina electoral o suba el documento en ${url}`,
      partialCounted: (names) => `fue contada en parte. Se contaron: ${names}.`,
      partialShort: 'fue contada en parte: solo las contiendas en las que usted pod\u00eda votar.',
      questions: (reach) => `Preguntas: ${reach}.`,
      details: (url) => `Detalles: ${url}`,
    },
  },
};

function officeLines(office: OfficeContact, p: Phrases): string[] {
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
  const p = PHRASES[language];
  const kind = BALLOT_KIND_NAME[context.ballotKind][language];
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
      const action = CURE_ACTION[notice.cureReason][language];
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
      const why = REJECTION_EXPLAINED[notice.reason][language];
      const text = body(`${ballot} ${p.rejected}`, `${p.why} ${why}`, `${p.contactIfWrong}\n${officeLines(office, p).join('\n')}`);
      const sms = fitSms([
        join(smsBallot, p.rejected, why, questions),
        join(smsBallot, p.rejected, p.sms.details(context.portalUrl), questions),
        join(smsBallot, p.rejected, p.sms.details(context.portalUrl)),
      ]);
      return { subject, text, sms };
    }
    case 'cure_declined': {
      const why = DECLINE_EXPLAINED[notice.reason][language];
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
      const action = CURE_ACTION[notice.cureReason][language];
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
        join(smsBallot, p.sms.moved, p.sms.cureBy(deadline), p.sms.uploadAt(context.portalUrl)),
      ]);
      return { subject, text, sms };
    }
    default:
      return throwIllegalValue(notice, 'notice type');
  }
}
