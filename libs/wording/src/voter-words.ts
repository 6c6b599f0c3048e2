import type { BallotKind, CureDeclineReason, CureReason, RejectionReason } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';

/**
 * Every sentence a voter reads, as one typed shape that each language must fill: the portal's
 * view and pages, and the notices sent by email, text message and mailed letter. A language that
 * leaves a sentence out does not compile. Sentences that carry a value take it as a parameter, so
 * no placeholder can be left unfilled. The county's own data (office name, address, hours) is
 * never here: it is shown as the county gave it.
 */

/** Where a ballot stands, as the voter is told it (SPEC section 5, HAVA 302(a)(5)). */
export const PORTAL_STATUSES = ['under_review', 'action_needed', 'cure_submitted', 'counted', 'partially_counted', 'not_counted'] as const;
export type PortalStatus = (typeof PORTAL_STATUSES)[number];

/** Why an upload through the portal was refused, as the voter is told it. */
export const UPLOAD_PROBLEMS = ['empty', 'too_large', 'not_a_document', 'closed', 'affirm', 'kind', 'spent', 'too_many', 'unavailable'] as const;
export type UploadProblemWord = (typeof UPLOAD_PROBLEMS)[number];

/** What the portal's view says in its heading and paragraphs. */
export interface PortalViewWords {
  readonly headings: Readonly<Record<PortalStatus, string>>;
  readonly reviewing: (ballotKind: string) => string;
  readonly held: string;
  readonly actBy: (deadline: string) => string;
  readonly deadlinePassed: (deadline: string) => string;
  readonly uploadPending: (deadline: string) => string;
  readonly cured: string;
  readonly counted: string;
  readonly partial: string;
  readonly notCounted: string;
}

/** The portal's pages: the lookup form, the result, the upload form, the page frame. */
export interface PortalPageWords {
  readonly title: string;
  readonly intro: string;
  readonly skipToContent: string;
  readonly siteName: string;
  readonly receipt: string;
  readonly receiptHint: string;
  readonly dob: string;
  readonly dobHint: string;
  readonly month: string;
  readonly day: string;
  readonly year: string;
  readonly submit: string;
  readonly notFoundTitle: string;
  readonly notFound: string;
  readonly tooManyTitle: string;
  readonly tooMany: (minutes: number) => string;
  readonly fixErrors: string;
  /** At the receipt field when what was typed cannot be a receipt number. */
  readonly receiptError: string;
  /** At the date-of-birth fields when they do not make a real date. */
  readonly dateOfBirthError: string;
  readonly receiptLabel: string;
  readonly whatToDo: string;
  readonly deadline: string;
  readonly daysLeft: (days: number) => string;
  readonly oneDayLeft: string;
  readonly lastDay: string;
  readonly declined: string;
  readonly racesCounted: string;
  readonly office: string;
  readonly hours: string;
  readonly phone: string;
  readonly email: string;
  readonly uploadTitle: string;
  readonly uploadIntro: string;
  readonly docKind: string;
  readonly idDocument: string;
  readonly affidavit: string;
  readonly file: string;
  readonly affirm: string;
  readonly send: string;
  readonly uploadClosed: string;
  readonly uploaded: string;
  readonly another: string;
  readonly sessionEnded: string;
  readonly privacy: string;
  /** The link to the other language, written in that language. */
  readonly otherLanguage: string;
  readonly uploadProblem: Readonly<Record<UploadProblemWord, string>>;
}

/** The notices: email subject and text (also the mailed letter), and the text message. */
export interface NoticeWords {
  readonly greeting: (name: string) => string;
  /** The office's name when the county has not given one. */
  readonly officeName: (county: string) => string;
  readonly ballot: (ballotKind: string, receipt: string, election: string) => string;
  readonly subject: Readonly<Record<VoterNotice['type'], (ballotKind: string, receipt: string) => string>>;
  readonly cureIntro: string;
  readonly whatToDo: string;
  readonly deadline: string;
  /** After the deadline: " (today)", " (tomorrow)", " (in 3 days)". */
  readonly days: (days: number) => string;
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
    readonly ballot: (ballotKind: string, receipt: string) => string;
    readonly cure: string;
    readonly declined: string;
    readonly moved: string;
    readonly cureBy: (deadline: string) => string;
    /** What to do, in a few words, for a text message too short for the whole sentence. */
    readonly cureShort: Readonly<Record<CureReason, string>>;
    readonly uploadAt: (url: string) => string;
    readonly partialCounted: (names: string) => string;
    readonly partialShort: string;
    readonly questions: (reach: string) => string;
    readonly details: (url: string) => string;
  };
}

/** A step of a ballot's history as the voter reads it on the portal's timeline (only what stands). */
export const TIMELINE_STEPS = ['received', 'checked', 'cure_requested', 'document_sent', 'document_declined', 'cure_made', 'deadline_passed', 'held', 'released', 'counted', 'not_counted', 'reviewed_again'] as const;
export type TimelineStep = (typeof TIMELINE_STEPS)[number];

/** What a form field on the portal can be told is wrong with it. */
export const UPDATE_PROBLEMS = ['channel', 'email', 'phone', 'code', 'code_expired', 'code_used_up'] as const;
export type UpdateProblemWord = (typeof UPDATE_PROBLEMS)[number];

/** The portal's reassurance after an upload, the error summary, the timeline and the affidavit link. */
export interface PortalMoreWords {
  readonly errorSummaryTitle: string;
  readonly reference: string;
  readonly receivedAt: string;
  readonly receivedStatus: string;
  readonly receivedNext: string;
  readonly addAnother: string;
  readonly timelineTitle: string;
  readonly timeline: Readonly<Record<TimelineStep, string>>;
  readonly affidavitTitle: string;
  readonly affidavitIntro: string;
  readonly affidavitDownload: string;
}

/** A voter's request for updates by email or text message on one ballot (issue 15). */
export interface PortalUpdatesWords {
  readonly title: string;
  readonly intro: string;
  readonly current: string;
  readonly none: string;
  readonly emailLabel: string;
  readonly phoneLabel: string;
  readonly channel: string;
  readonly emailHint: string;
  readonly phoneHint: string;
  readonly address: string;
  readonly sendCode: string;
  readonly remove: (what: string) => string;
  readonly codeSent: (masked: string, minutes: number) => string;
  readonly codeLabel: string;
  readonly codeHint: string;
  readonly confirm: string;
  readonly confirmed: (masked: string) => string;
  readonly removed: (what: string) => string;
  readonly pendingNote: string;
  readonly problem: Readonly<Record<UpdateProblemWord, string>>;
  /** The confirmation sent to the new address. */
  readonly message: { readonly subject: string; readonly text: (code: string, minutes: number, receipt: string) => string; readonly sms: (code: string, minutes: number) => string };
}

/** The cure affidavit, as the PDF a voter prints and signs. */
export interface AffidavitWords {
  readonly title: string;
  readonly fileName: string;
  readonly intro: (receipt: string, election: string) => string;
  readonly statements: readonly string[];
  readonly printedName: string;
  readonly signature: string;
  readonly date: string;
  readonly warning: string;
  readonly returnTo: (office: string) => string;
}

export interface VoterWords {
  /** The locale dates are written in (`Intl.DateTimeFormat`). */
  readonly locale: string;
  readonly ballotKind: Readonly<Record<BallotKind, string>>;
  /** What the voter must do for each cure the office asked for. */
  readonly cureAction: Readonly<Record<CureReason, string>>;
  /** Why a ballot was not counted, in words a voter understands. */
  readonly rejectionExplained: Readonly<Record<RejectionReason, string>>;
  /** Why the office did not accept a document uploaded through the portal. */
  readonly declineExplained: Readonly<Record<CureDeclineReason, string>>;
  readonly portal: PortalViewWords;
  readonly pages: PortalPageWords;
  readonly notice: NoticeWords;
  readonly more: PortalMoreWords;
  readonly updates: PortalUpdatesWords;
  readonly affidavit: AffidavitWords;
}
