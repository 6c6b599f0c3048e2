import type { Deadline } from '@app/rules';

/** What a county's certification checklist is computed from: counts and deadlines read in one transaction. */
export interface CertificationFacts {
  readonly outstanding: number;
  readonly awaitingCure: number;
  readonly pendingUploads: number;
  readonly cureDeadline: Deadline;
  readonly certificationDeadline: Deadline;
  readonly certifiedAt: number | null;
  readonly now: number;
}

export const CHECKLIST_ITEMS = ['outstanding', 'pendingUploads', 'cureWindow', 'notCertified'] as const;
export type ChecklistItemKey = (typeof CHECKLIST_ITEMS)[number];

export interface ChecklistItem {
  readonly key: ChecklistItemKey;
  readonly ok: boolean;
  /** For the supervisor: what was checked and what it found. */
  readonly text: string;
}

const ballots = (n: number): string => `${n.toLocaleString('en-US')} ballot${n === 1 ? '' : 's'}`;

/**
 * The checks before a county certifies (SPEC section 3: after it, no event changes its ballots;
 * issue 14, item 4). Pure: the service reads the facts and refuses to certify unless every item is ok.
 *
 * The cure window: certifying while voters may still cure would cut them off, so an open window
 * blocks while any ballot of the county waits for a cure. With none waiting, nobody can still cure
 * (only a ballot awaiting a cure can be cured: SPEC section 3's lifecycle), so the law's window has
 * no one left in it and certification may go ahead; the page says so.
 */
export function certificationChecklist(f: CertificationFacts): ChecklistItem[] {
  const windowOpen = f.now <= f.cureDeadline.at;
  return [
    {
      key: 'outstanding',
      ok: f.outstanding === 0,
      text: f.outstanding === 0 ? 'Every ballot is counted or rejected: none outstanding.' : `${ballots(f.outstanding)} still outstanding: each must be counted or rejected first.`,
    },
    {
      key: 'pendingUploads',
      ok: f.pendingUploads === 0,
      text: f.pendingUploads === 0 ? "No voter's uploaded document waits for a decision." : `${f.pendingUploads} uploaded document${f.pendingUploads === 1 ? '' : 's'} from voters still wait for a clerk to accept or decline.`,
    },
    {
      key: 'cureWindow',
      ok: !windowOpen || f.awaitingCure === 0,
      text: !windowOpen
        ? `The cure window closed ${f.cureDeadline.display} (${f.cureDeadline.courtOrder ?? f.cureDeadline.source}).`
        : f.awaitingCure === 0
          ? `The cure window is open until ${f.cureDeadline.display}, but no ballot waits for a cure, so no voter can still cure (${f.cureDeadline.courtOrder ?? f.cureDeadline.source}).`
          : `The cure window is open until ${f.cureDeadline.display} and ${ballots(f.awaitingCure)} wait for the voter to cure.`,
    },
    {
      key: 'notCertified',
      ok: f.certifiedAt === null,
      text: f.certifiedAt === null ? `Not yet certified; the county certifies by ${f.certificationDeadline.display}.` : 'The county has certified already.',
    },
  ];
}
