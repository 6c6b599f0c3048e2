import type { BallotFacts, VoterRecord } from '@app/domain';
import type { BallotEntity, VoterEntity } from '@app/persistence';

/** What the eligibility engine reads of a stored ballot, with the cures its lifecycle has recorded. */
export function ballotFacts(ballot: BallotEntity): BallotFacts {
  const common = {
    countyCode: ballot.countyCode,
    receivedAt: ballot.receivedAt,
    signature: ballot.signature,
    curedReasons: ballot.lifecycle.curedReasons,
  };
  if (ballot.kind === 'provisional') {
    return {
      ...common,
      kind: 'provisional',
      precinctId: ballot.precinctId ?? '',
      castAt: ballot.castAt ?? ballot.receivedAt,
      issuedReason: ballot.issuedReason ?? 'other',
      idShown: ballot.idShown,
      outOfPrecinctAffidavit: ballot.outOfPrecinctAffidavit,
    };
  }
  return {
    ...common,
    kind: 'uocava',
    category: ballot.uocavaCategory ?? 'military_overseas',
    postmarkDate: ballot.postmarkDate,
    signedDate: ballot.signedDate,
  };
}

export function voterRecord(voter: VoterEntity | null): VoterRecord | null {
  if (voter === null) return null;
  return {
    voterId: voter.voterId,
    status: voter.status,
    countyCode: voter.countyCode,
    precinctId: voter.precinctId,
    registrationDate: voter.registrationDate,
    idOnFile: voter.idOnFile,
    otherBallotAccepted: voter.otherBallotAccepted,
    removedFromRollAt: voter.removedAt,
  };
}
