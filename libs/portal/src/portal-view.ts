import { throwIllegalValue, type OfficeTranslations, type BallotKind, type CureDeclineReason, type CureReason, type RejectionReason, type VoterLanguage } from '@app/domain';
import type { BallotState } from '@app/lifecycle';
import { daysLeft, localDeadline, wordsFor, type PortalStatus } from '@app/wording';
import { timelineOf, type TimelineEntry } from './timeline';

export { PORTAL_STATUSES, type PortalStatus } from '@app/wording';

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
  readonly countyName: string;
  readonly electionName: string;
  /** As the county gave it; a name of '' is the county's name with "election office", in the voter's language. */
  readonly office: CountyOfficeView;
  /** The latest document the voter uploaded, if any. */
  readonly latestUpload: { readonly status: 'pending' | 'accepted' | 'declined'; readonly declineReason: CureDeclineReason | null } | null;
  /** The office's words in other languages, as the county gave them. */
  readonly officeTranslations: OfficeTranslations | null;
  /** The ballot's audit events and their times, oldest first (for the timeline). */
  readonly history: readonly { readonly event: string; readonly at: string }[];
}

/** Cure reasons the office's affidavit form answers (the voter signs it): the portal offers it as a PDF. */
export const AFFIDAVIT_CURES: readonly CureReason[] = ['signature_missing', 'signature_mismatch'];

export interface PortalView {
  readonly receiptNumber: string;
  readonly electionName: string;
  /** The election's time zone: the deadline and the timeline are in it. */
  readonly timeZone: string;
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
    /** The cure asks for a signed affidavit: the portal offers the form as a PDF. */
    readonly affidavit: boolean;
  } | null;
  readonly contestsCounted: readonly string[] | null;
  readonly reason: { readonly code: RejectionReason; readonly text: string } | null;
  readonly office: CountyOfficeView;
  /** The ballot's steps with their dates, oldest first. */
  readonly timeline: readonly TimelineEntry[];
  readonly language: VoterLanguage;
}

/** The office as the county gave it, with its name, address and hours in the voter's language where the county gave them. */
export function officeIn(office: CountyOfficeView, translations: OfficeTranslations | null, language: VoterLanguage): CountyOfficeView {
  const t = translations?.[language];
  return t === undefined ? office : { ...office, name: t.name ?? office.name, address: t.address ?? office.address, hours: t.hours ?? office.hours };
}

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
  const words = wordsFor(language);
  const say = words.portal;
  const kind = words.ballotKind[facts.kind];
  const deadlineText = facts.cureDeadline === null ? '' : localDeadline(facts.cureDeadline, facts.timeZone, language);
  const paragraphs: string[] = [];
  let action: PortalView['action'] = null;
  let reason: PortalView['reason'] = null;
  let contests: readonly string[] | null = null;

  switch (status) {
    case 'under_review':
      paragraphs.push(say.reviewing(kind));
      if (facts.status === 'received.held') paragraphs.push(say.held);
      break;
    case 'action_needed':
    case 'cure_submitted':
      if (facts.status === 'cured') {
        paragraphs.push(say.cured);
        break;
      }
      if (facts.cureReason !== null && facts.cureDeadline !== null) {
        const passed = now > facts.cureDeadline;
        if (status === 'cure_submitted') paragraphs.push(say.uploadPending(deadlineText));
        else paragraphs.push(passed ? say.deadlinePassed(deadlineText) : say.actBy(deadlineText));
        const declined = facts.latestUpload?.status === 'declined' && facts.latestUpload.declineReason !== null ? words.declineExplained[facts.latestUpload.declineReason] : null;
        action = {
          steps: [words.cureAction[facts.cureReason]],
          deadline: { at: new Date(facts.cureDeadline).toISOString(), local: deadlineText, daysLeft: Math.max(0, daysLeft(now, facts.cureDeadline, facts.timeZone)), passed },
          uploadOpen: !passed,
          lastUploadDeclined: declined,
          affidavit: AFFIDAVIT_CURES.includes(facts.cureReason),
        };
      }
      break;
    case 'counted':
      paragraphs.push(say.counted);
      break;
    case 'partially_counted':
      paragraphs.push(say.partial);
      contests = facts.contestsCounted;
      break;
    case 'not_counted':
      if (facts.rejectionReason !== null) {
        reason = { code: facts.rejectionReason, text: words.rejectionExplained[facts.rejectionReason] };
        paragraphs.push(reason.text);
      }
      paragraphs.push(say.notCounted);
      break;
    default:
      throwIllegalValue(status);
  }
  return {
    receiptNumber: facts.receiptNumber,
    electionName: facts.electionName,
    timeZone: facts.timeZone,
    ballotKind: facts.kind,
    status,
    heading: say.headings[status],
    paragraphs,
    action,
    contestsCounted: contests,
    reason,
    office: officeIn(facts.office.name === '' ? { ...facts.office, name: words.notice.officeName(facts.countyName) } : facts.office, facts.officeTranslations, language),
    timeline: timelineOf(facts.history, facts.timeZone, language),
    language,
  };
}
