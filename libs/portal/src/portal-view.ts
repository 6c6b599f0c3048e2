import { throwIllegalValue, type BallotKind, type CureDeclineReason, type CureReason, type RejectionReason, type VoterLanguage } from '@app/domain';
import type { BallotState } from '@app/lifecycle';
import { BALLOT_KIND_NAME, CURE_ACTION, daysLeft, DECLINE_EXPLAINED, localDeadline, REJECTION_EXPLAINED } from './wording';

/** Where a ballot stands, as the voter is told it (SPEC section 5, HAVA 302(a)(5)). */
export const PORTAL_STATUSES = ['under_review', 'action_needed', 'cure_submitted', 'counted', 'partially_counted', 'not_counted'] as const;
export type PortalStatus = (typeof PORTAL_STATUSES)[number];

export interface CountyOfficeView {
  readonly name: string;
  readonly address: string | null;
  readonly hours: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

/** What the view is built from: the ballot's own columns, its county's office, nothing else. */
export interface PortalFacts {
  readonly receiptNumber: string;
  readonly kind: BallotKind;
  readonly status: BallotState;
  readonly cureReason: CureReason | null;
  /** The deadline in force for the cure (the later of the one given and any extension). */
  readonly cureDeadline: number | null;
  readonly rejectionReason: RejectionReason | null;
  readonly determination: 'full' | 'partial' | null;
  /** Names of the contests counted, in ballot order, for a partial count. */
  readonly contestsCounted: readonly string[];
  readonly timeZone: string;
  readonly office: CountyOfficeView;
  /** The latest document the voter uploaded, if any. */
  readonly latestUpload: { readonly status: 'pending' | 'accepted' | 'declined'; readonly declineReason: CureDeclineReason | null } | null;
}

export interface PortalView {
  readonly receiptNumber: string;
  readonly ballotKind: BallotKind;
  readonly status: PortalStatus;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** While a cure is owed: what to do, by when, and whether the portal still takes an upload. */
  readonly action: {
    readonly steps: readonly string[];
    readonly deadline: { readonly at: string; readonly local: string; readonly daysLeft: number; readonly passed: boolean };
    readonly uploadOpen: boolean;
    readonly lastUploadDeclined: string | null;
  } | null;
  readonly contestsCounted: readonly string[] | null;
  readonly reason: { readonly code: RejectionReason; readonly text: string } | null;
  readonly office: CountyOfficeView;
  readonly language: VoterLanguage;
}

type Words = Readonly<Record<VoterLanguage, string>>;
const t = (words: Words, language: VoterLanguage): string => words[language];

const HEADINGS: Readonly<Record<PortalStatus, Words>> = {
  under_review: { en: 'We received your ballot and are reviewing it', es: 'Recibimos su boleta y la estamos revisando' },
  action_needed: { en: 'Action needed: your ballot will not count unless you act', es: 'Se necesita su acci\u00f3n: su boleta no contar\u00e1 si usted no act\u00faa' },
  cure_submitted: { en: 'We received what you sent and are reviewing it', es: 'Recibimos lo que envi\u00f3 y lo estamos revisando' },
  counted: { en: 'Your ballot was counted', es: 'Su boleta fue contada' },
  partially_counted: { en: 'Part of your ballot was counted', es: 'Parte de su boleta fue contada' },
  not_counted: { en: 'Your ballot was not counted', es: 'Su boleta no fue contada' },
};

const PHRASES = {
  reviewing: {
    en: 'Election officials check every {kind} before it is counted. You do not need to do anything now. Check back here for updates.',
    es: 'Los funcionarios electorales revisan cada {kind} antes de contarla. No necesita hacer nada por ahora. Vuelva a consultar aqu\u00ed.',
  },
  held: {
    en: 'Your ballot was cast during voting hours extended by a court order. Federal law requires these ballots to be kept separate until the court decides. We will update this page when it does.',
    es: 'Su boleta se emiti\u00f3 durante un horario de votaci\u00f3n ampliado por orden judicial. La ley federal exige mantener estas boletas aparte hasta que el tribunal decida. Actualizaremos esta p\u00e1gina cuando lo haga.',
  },
  actBy: {
    en: 'Do this by {deadline}. You can go to the election office, or upload a photo or scan of the document on this page.',
    es: 'H\u00e1galo antes de {deadline}. Puede ir a la oficina electoral o subir una foto o un escaneo del documento en esta p\u00e1gina.',
  },
  deadlinePassed: {
    en: 'The deadline to fix this, {deadline}, has passed. Online uploads are closed. Contact the election office if you have questions.',
    es: 'La fecha l\u00edmite para corregir esto, {deadline}, ya pas\u00f3. Ya no se pueden subir documentos. Comun\u00edquese con la oficina electoral si tiene preguntas.',
  },
  uploadPending: {
    en: 'We received the document you uploaded. An election official will review it before {deadline}. You do not need to send it again.',
    es: 'Recibimos el documento que subi\u00f3. Un funcionario electoral lo revisar\u00e1 antes de {deadline}. No necesita enviarlo de nuevo.',
  },
  cured: {
    en: 'Your ballot can now be checked and counted. You do not need to do anything else.',
    es: 'Ahora su boleta puede revisarse y contarse. No necesita hacer nada m\u00e1s.',
  },
  counted: {
    en: 'Every race on your ballot was counted. Thank you for voting.',
    es: 'Se contaron todas las contiendas de su boleta. Gracias por votar.',
  },
  partial: {
    en: 'You voted on a ballot for a precinct other than your own. The law counts the races you were eligible to vote in, listed below; the others were not counted.',
    es: 'Usted vot\u00f3 con la boleta de un precinto distinto al suyo. La ley cuenta las contiendas en las que usted pod\u00eda votar, que se indican abajo; las dem\u00e1s no se contaron.',
  },
  notCounted: {
    en: 'If you think this is a mistake, or to make sure you can vote in the next election, contact the election office below.',
    es: 'Si cree que esto es un error, o para asegurarse de poder votar en la pr\u00f3xima elecci\u00f3n, comun\u00edquese con la oficina electoral indicada abajo.',
  },
} as const satisfies Record<string, Words>;

const fill = (text: string, values: Readonly<Record<string, string>>): string => text.replace(/\{(\w+)\}/g, (_m, key: string) => values[key] ?? '');

export function portalStatusOf(facts: Pick<PortalFacts, 'status' | 'determination' | 'latestUpload'>): PortalStatus {
  switch (facts.status) {
    case 'received.pending':
    case 'received.rejectionProposed':
    case 'received.held':
    case 'verified':
      return 'under_review';
    case 'received.awaitingCure':
      return facts.latestUpload?.status === 'pending' ? 'cure_submitted' : 'action_needed';
    case 'cured':
      return 'cure_submitted';
    case 'counted':
      return facts.determination === 'partial' ? 'partially_counted' : 'counted';
    case 'rejected':
      return 'not_counted';
    default:
      return throwIllegalValue(facts.status);
  }
}

/**
 * The voter's view of a ballot: the minimum (PITFALLS, "Public lookup"): its status, the reason,
 * what to do and by when, and the office. No names, no notes, no staff, nobody else's data.
 */
export function portalView(facts: PortalFacts, now: number, language: VoterLanguage): PortalView {
  const status = portalStatusOf(facts);
  const kind = t(BALLOT_KIND_NAME[facts.kind], language);
  const deadlineText = facts.cureDeadline === null ? '' : localDeadline(facts.cureDeadline, facts.timeZone, language);
  const paragraphs: string[] = [];
  let action: PortalView['action'] = null;
  let reason: PortalView['reason'] = null;
  let contests: readonly string[] | null = null;

  switch (status) {
    case 'under_review':
      paragraphs.push(fill(t(PHRASES.reviewing, language), { kind }));
      if (facts.status === 'received.held') paragraphs.push(t(PHRASES.held, language));
      break;
    case 'action_needed':
    case 'cure_submitted':
      if (facts.status === 'cured') {
        paragraphs.push(t(PHRASES.cured, language));
        break;
      }
      if (facts.cureReason !== null && facts.cureDeadline !== null) {
        const passed = now > facts.cureDeadline;
        if (status === 'cure_submitted') paragraphs.push(fill(t(PHRASES.uploadPending, language), { deadline: deadlineText }));
        else paragraphs.push(fill(t(passed ? PHRASES.deadlinePassed : PHRASES.actBy, language), { deadline: deadlineText }));
        const declined = facts.latestUpload?.status === 'declined' && facts.latestUpload.declineReason !== null ? t(DECLINE_EXPLAINED[facts.latestUpload.declineReason], language) : null;
        action = {
          steps: [t(CURE_ACTION[facts.cureReason], language)],
          deadline: { at: new Date(facts.cureDeadline).toISOString(), local: deadlineText, daysLeft: Math.max(0, daysLeft(now, facts.cureDeadline, facts.timeZone)), passed },
          uploadOpen: !passed,
          lastUploadDeclined: declined,
        };
      }
      break;
    case 'counted':
      paragraphs.push(t(PHRASES.counted, language));
      break;
    case 'partially_counted':
      paragraphs.push(t(PHRASES.partial, language));
      contests = facts.contestsCounted;
      break;
    case 'not_counted':
      if (facts.rejectionReason !== null) {
        reason = { code: facts.rejectionReason, text: t(REJECTION_EXPLAINED[facts.rejectionReason], language) };
        paragraphs.push(reason.text);
      }
      paragraphs.push(t(PHRASES.notCounted, language));
      break;
    default:
      throwIllegalValue(status);
  }
  return {
    receiptNumber: facts.receiptNumber,
    ballotKind: facts.kind,
    status,
    heading: t(HEADINGS[status], language),
    paragraphs,
    action,
    contestsCounted: contests,
    reason,
    office: facts.office,
    language,
  };
}
