import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BallotDetail, BallotPage, RollSearchResult } from '@app/ballots';
import type { AuditEntryEntity, BallotEntity, VoterEntity } from '@app/persistence';
import type { Deadline } from '@app/rules';

export class DeadlineView {
  @ApiProperty({ description: 'epoch ms: the last instant still in time' }) at!: number;
  @ApiProperty({ example: '2020-11-06T17:00:00.000-05:00' }) local!: string;
  @ApiProperty({ example: 'Fri, Nov 6, 2020, 5:00 PM EST' }) display!: string;
  @ApiProperty({ example: 'O.C.G.A. § 21-2-419(b)' }) source!: string;
  @ApiProperty({ nullable: true, type: String }) courtOrder!: string | null;
}

export class BallotView {
  @ApiProperty() id!: string;
  @ApiProperty() electionId!: string;
  @ApiProperty() receiptNumber!: string;
  @ApiProperty({ enum: ['provisional', 'uocava'] }) kind!: string;
  @ApiProperty() countyCode!: string;
  @ApiProperty({ nullable: true, type: String }) precinctId!: string | null;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiProperty() address!: string;
  @ApiProperty({ nullable: true, type: String }) claimedVoterId!: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) uocavaCategory!: string | null;
  @ApiProperty({ description: 'a UOCAVA ballot returned on the federal write-in absentee ballot' }) fwab!: boolean;
  @ApiProperty({ nullable: true, type: String }) postmarkDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) signedDate!: string | null;
  @ApiProperty({ description: 'ISO 8601 UTC' }) receivedAt!: string;
  @ApiProperty({ nullable: true, type: String }) castAt!: string | null;
  @ApiProperty() idShown!: boolean;
  @ApiProperty() outOfPrecinctAffidavit!: boolean;
  @ApiProperty() signature!: string;
  @ApiProperty({ nullable: true, type: String }) matchedVoterId!: string | null;
  @ApiProperty({ example: 'received.pending' }) status!: string;
  @ApiProperty({ nullable: true, type: String }) cureReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'ISO 8601 UTC: the cure deadline in force (a court order or the county\'s hours may have moved the one first given)' }) cureDeadline!: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty({ nullable: true, enum: ['full', 'partial'] }) determination!: string | null;
  @ApiProperty({ type: [String], description: 'the contests counted, for a counted ballot' }) countedContests!: string[];
  @ApiProperty() version!: number;
}

export class BallotPageView {
  @ApiProperty({ type: [BallotView] }) items!: BallotView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class DecisionReasonView {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
}

export class DecisionView {
  @ApiProperty({ enum: ['count', 'cure', 'reject', 'hold'] }) outcome!: string;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ enum: ['full', 'partial', 'none'] }) determination!: string;
  @ApiProperty({ type: [String] }) contests!: string[];
  @ApiProperty({ type: [DecisionReasonView] }) reasons!: DecisionReasonView[];
  @ApiPropertyOptional({ nullable: true, type: String }) rejection?: string | null;
  @ApiPropertyOptional({ description: 'cures still needed, with deadlines' }) cures?: { reason: string; deadline: string; deadlineDisplay: string; source: string }[];
}

export class HistoryEntryView {
  @ApiProperty() seq!: number;
  @ApiProperty() event!: string;
  @ApiProperty({ nullable: true, type: String }) fromState!: string | null;
  @ApiProperty({ nullable: true, type: String }) toState!: string | null;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: Object }) payload!: object;
  @ApiProperty() hash!: string;
}

export class VoterView {
  @ApiProperty() voterId!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiProperty() countyCode!: string;
  @ApiProperty() precinctId!: string;
  @ApiProperty() status!: string;
  @ApiProperty() registrationDate!: string;
  @ApiProperty() idOnFile!: boolean;
}

export class BallotDetailView {
  @ApiProperty({ type: BallotView }) ballot!: BallotView;
  @ApiProperty({ type: VoterView, nullable: true }) voter!: VoterView | null;
  @ApiProperty({ type: DecisionView }) decision!: DecisionView;
  @ApiProperty({ type: Object, description: 'provisionalCure, uocavaReceipt, countyCertification' }) deadlines!: Record<string, DeadlineView>;
  @ApiProperty({ type: [HistoryEntryView] }) history!: HistoryEntryView[];
  @ApiProperty({ type: [String], description: 'the events this user can send now' }) availableEvents!: string[];
  @ApiProperty() countyCertified!: boolean;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A ballot as the API shows it; `cureDeadline` is the one in force when the caller knows it (a court order may have moved the recorded one). */
export function ballotView(b: BallotEntity, cureDeadline: number | null = b.cureDeadline): BallotView {
  return {
    id: b.id,
    electionId: b.electionId,
    receiptNumber: b.receiptNumber,
    kind: b.kind,
    countyCode: b.countyCode,
    precinctId: b.precinctId,
    firstName: b.firstName,
    lastName: b.lastName,
    dateOfBirth: b.dateOfBirth,
    address: b.address,
    claimedVoterId: b.claimedVoterId,
    issuedReason: b.issuedReason,
    uocavaCategory: b.uocavaCategory,
    fwab: b.fwab,
    postmarkDate: b.postmarkDate,
    signedDate: b.signedDate,
    receivedAt: new Date(b.receivedAt).toISOString(),
    castAt: iso(b.castAt),
    idShown: b.idShown,
    outOfPrecinctAffidavit: b.outOfPrecinctAffidavit,
    signature: b.signature,
    matchedVoterId: b.matchedVoterId,
    status: b.status,
    cureReason: b.cureReason,
    cureDeadline: iso(cureDeadline),
    rejectionReason: b.rejectionReason,
    determination: b.determination,
    countedContests: [...(b.lifecycle.count?.contests ?? [])],
    version: b.version,
  };
}

const deadlineView = (d: Deadline): DeadlineView => ({ at: d.at, local: d.local, display: d.display, source: d.source, courtOrder: d.courtOrder });

function voterView(v: VoterEntity | null): VoterView | null {
  if (v === null) return null;
  const { voterId, firstName, lastName, dateOfBirth, countyCode, precinctId, status, registrationDate, idOnFile } = v;
  return { voterId, firstName, lastName, dateOfBirth, countyCode, precinctId, status, registrationDate, idOnFile };
}

const historyView = (e: AuditEntryEntity): HistoryEntryView => ({
  seq: e.seq, event: e.event, fromState: e.fromState, toState: e.toState, actorId: e.actorId, actorRole: e.actorRole, at: e.at, payload: e.payload, hash: e.hash,
});

export function detailView(d: BallotDetail): BallotDetailView {
  const decision = d.decision;
  return {
    ballot: ballotView(d.ballot, d.cureDeadlineInForce),
    voter: voterView(d.voter),
    decision: {
      outcome: decision.outcome,
      eligible: decision.eligible,
      determination: decision.determination,
      contests: [...decision.contests],
      reasons: decision.reasons.map((r) => ({ ...r })),
      rejection: decision.outcome === 'reject' ? decision.rejection : null,
      cures: decision.outcome === 'cure' ? decision.cures.map((c) => ({ reason: c.reason, deadline: new Date(c.deadline).toISOString(), deadlineDisplay: c.deadlineDisplay, source: c.source })) : [],
    },
    deadlines: {
      provisionalCure: deadlineView(d.deadlines.provisionalCure),
      uocavaReceipt: deadlineView(d.deadlines.uocavaReceipt),
      countyCertification: deadlineView(d.deadlines.countyCertification),
    },
    history: d.history.map(historyView),
    availableEvents: [...d.availableEvents],
    countyCertified: d.countyCertified,
  };
}

export class RollCandidateView {
  @ApiProperty() voterId!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiProperty() countyCode!: string;
  @ApiProperty() precinctId!: string;
  @ApiProperty() status!: string;
  @ApiProperty() registrationDate!: string;
  @ApiProperty() idOnFile!: boolean;
  @ApiProperty({ description: 'a full roll left this voter out: no longer on the list' }) removed!: boolean;
  @ApiProperty({ description: 'the same date of birth as the affirmation' }) dateOfBirthMatches!: boolean;
  @ApiProperty() lastNameMatches!: boolean;
  @ApiProperty() firstNameMatches!: boolean;
  @ApiProperty({ description: 'the registration the ballot is matched to now' }) matched!: boolean;
}

export class RollSearchView {
  @ApiProperty({ type: Object, description: 'what was searched: the fields given, or the affirmation\'s last name and date of birth' }) criteria!: Record<string, string>;
  @ApiProperty({ type: [RollCandidateView] }) candidates!: RollCandidateView[];
  @ApiProperty({ description: 'more records fit than are shown (25): narrow the search' }) more!: boolean;
}

export function rollSearchView(r: RollSearchResult): RollSearchView {
  return {
    criteria: Object.fromEntries(Object.entries(r.criteria).filter((e): e is [string, string] => typeof e[1] === 'string')),
    candidates: r.candidates.map((c) => ({
      voterId: c.voterId,
      firstName: c.firstName,
      lastName: c.lastName,
      dateOfBirth: c.dateOfBirth,
      countyCode: c.countyCode,
      precinctId: c.precinctId,
      status: c.status,
      registrationDate: c.registrationDate,
      idOnFile: c.idOnFile,
      removed: c.removedAt !== null,
      dateOfBirthMatches: c.dateOfBirthMatches,
      lastNameMatches: c.lastNameMatches,
      firstNameMatches: c.firstNameMatches,
      matched: c.matched,
    })),
    more: r.more,
  };
}

/** A page of the work queue, each ballot with its cure deadline in force. */
export const ballotPageView = (page: BallotPage): BallotPageView => ({ items: page.items.map((b) => ballotView(b, page.cureDeadlinesInForce.get(b.id) ?? null)), nextCursor: page.nextCursor });
