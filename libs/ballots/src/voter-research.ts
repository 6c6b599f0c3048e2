import { DomainError, nameKey, requirePermission, type StaffActor } from '@app/domain';
import type { RollRecord, Stores, VoterStore } from '@app/persistence';
import type { BallotTransitions } from './ballot-transitions';

/** What a clerk searches the roll by; empty fields are left out. */
export interface RollSearchInput {
  readonly lastName?: string;
  readonly firstName?: string;
  readonly dateOfBirth?: string;
  readonly voterId?: string;
  readonly precinctId?: string;
}

/** A registration found, with what research compares against the ballot's affirmation. */
export interface RollCandidate extends RollRecord {
  readonly dateOfBirthMatches: boolean;
  readonly lastNameMatches: boolean;
  readonly firstNameMatches: boolean;
  /** This is the registration the ballot is matched to now. */
  readonly matched: boolean;
}

export interface RollSearchResult {
  /** The criteria searched: what the clerk gave, or the affirmation's name and date of birth. */
  readonly criteria: RollSearchInput;
  readonly candidates: readonly RollCandidate[];
  /** More records fit than are shown: narrow the search. */
  readonly more: boolean;
}

/** Records shown at most: research narrows a search rather than paging through a roll. */
export const ROLL_SEARCH_LIMIT = 25;

/**
 * The clerk's research for a ballot (issue 11): search the election's roll (the whole state's:
 * a provisional voter may be registered in another county) from a ballot the clerk may reach, by
 * name (accents, hyphens and case folded), date of birth, voter id and precinct. Matching is a
 * lifecycle event (MATCH_VOTER / UNMATCH_VOTER), so it is audited and the decision follows it.
 */
export class VoterResearch {
  constructor(
    private readonly stores: Stores,
    private readonly transitions: BallotTransitions,
  ) {}

  search(actor: StaffActor, ballotId: string, input: RollSearchInput): Promise<RollSearchResult> {
    requirePermission(actor, 'research_roll');
    return this.stores.read(actor, async (s) => {
      const { ballot, stores: e } = await this.transitions.reach(s, ballotId);
      const given = (Object.values(input) as (string | undefined)[]).some((v) => v !== undefined && v.trim() !== '');
      const criteria: RollSearchInput = given ? trimmed(input) : { lastName: ballot.lastName, dateOfBirth: ballot.dateOfBirth };
      const lastNameKey = criteria.lastName === undefined ? undefined : nameKey(criteria.lastName);
      if (criteria.voterId === undefined && (lastNameKey === undefined || lastNameKey.length < 2)) {
        throw new DomainError('invalid_input', 'search by a voter id, or by at least two letters of a last name', {}, [{ field: 'lastName', message: 'give at least two letters of the last name, or a voter id' }]);
      }
      const rows = await e.voters.searchRoll(
        {
          lastNameKey,
          firstNameKey: criteria.firstName === undefined ? undefined : nameKey(criteria.firstName),
          dateOfBirth: criteria.dateOfBirth,
          voterId: criteria.voterId,
          precinctId: criteria.precinctId,
        },
        ROLL_SEARCH_LIMIT + 1,
      );
      const candidates = rows.slice(0, ROLL_SEARCH_LIMIT).map((r) => ({
        ...r,
        dateOfBirthMatches: r.dateOfBirth === ballot.dateOfBirth,
        lastNameMatches: nameKey(r.lastName) === nameKey(ballot.lastName),
        firstNameMatches: nameKey(r.firstName) === nameKey(ballot.firstName),
        matched: r.voterId === ballot.matchedVoterId,
      }));
      return { criteria, candidates, more: rows.length > ROLL_SEARCH_LIMIT };
    });
  }
}

function trimmed(input: RollSearchInput): RollSearchInput {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input) as [keyof RollSearchInput, string | undefined][]) if (v !== undefined && v.trim() !== '') out[k] = v.trim();
  return out;
}

/** What intake records of a match it made on its own, and why. */
export interface IntakeMatch {
  readonly voterId: string;
  readonly note: string;
}

/**
 * Intake matches on its own only where exactly one record fits: the voter id on the affirmation,
 * on the roll with the same date of birth; else the one registration on the roll (not removed)
 * with the affirmation's names and date of birth. Anything else is left to the clerk's research.
 */
export async function matchAtIntake(voters: VoterStore, input: { readonly claimedVoterId: string | null; readonly firstName: string; readonly lastName: string; readonly dateOfBirth: string }): Promise<IntakeMatch | null> {
  if (input.claimedVoterId !== null) {
    const voter = await voters.forDecision(input.claimedVoterId);
    if (voter !== null && voter.dateOfBirth === input.dateOfBirth) return { voterId: voter.voterId, note: 'Intake: the voter id on the affirmation is on the roll with the same date of birth.' };
  }
  const found = await voters.matchingNameAndBirth(nameKey(input.lastName), nameKey(input.firstName), input.dateOfBirth, 2);
  const only = found.length === 1 ? found[0] : undefined;
  return only === undefined ? null : { voterId: only, note: 'Intake: the only registration on the roll with this name and date of birth.' };
}
