import type { EntityManager } from 'typeorm';
import { VoterEntity } from '../entities';
import { rollByNameAndBirth, searchRoll, type RollCriteria, type RollRecord } from '../voter-search.store';
import { reaches, requireStatewide, type StoreScope } from './scope';

/**
 * The election's voter roll. A county's staff read their county's registrations; and, by design,
 * the whole roll for the research a ballot needs (a provisional voter may be registered in another
 * county): `searchRoll`, `matchingNameAndBirth`, `isOnRoll` and `forDecision` read every county's
 * registrations, and return registration facts only (never an address). Those four are named in
 * the scope test as the roll's statewide reads.
 */
export class VoterStore {
  constructor(
    private readonly m: EntityManager,
    private readonly scope: StoreScope,
    readonly electionId: string,
  ) {}

  /** A registration of a county in the scope; null otherwise. */
  async get(voterId: string): Promise<VoterEntity | null> {
    const voter = await this.m.findOneBy(VoterEntity, { electionId: this.electionId, voterId });
    return voter !== null && reaches(this.scope, voter.countyCode) ? voter : null;
  }

  /** Research: the roll searched by name keys, date of birth, voter id, precinct (statewide). */
  searchRoll(criteria: Omit<RollCriteria, 'electionId'>, limit: number): Promise<RollRecord[]> {
    return searchRoll(this.m, { ...criteria, electionId: this.electionId }, limit);
  }

  /** Intake's own match: voter ids with exactly these name keys and date of birth, not removed (statewide). */
  matchingNameAndBirth(lastNameKey: string, firstNameKey: string, dateOfBirth: string, limit: number): Promise<string[]> {
    return rollByNameAndBirth(this.m, this.electionId, lastNameKey, firstNameKey, dateOfBirth, limit);
  }

  /** Whether a voter id is on the election's roll (statewide): a match must name a registration. */
  async isOnRoll(voterId: string): Promise<boolean> {
    return (await this.m.countBy(VoterEntity, { electionId: this.electionId, voterId })) > 0;
  }

  /** The registration a ballot is matched to, wherever it is, for the ballot's decision and its page (statewide). */
  forDecision(voterId: string): Promise<VoterEntity | null> {
    return this.m.findOneBy(VoterEntity, { electionId: this.electionId, voterId });
  }

  /** Adds registrations directly (the demo and the test fixtures; a roll file goes through the roll import): for staff who reach every county. */
  async add(voters: readonly VoterEntity[]): Promise<void> {
    requireStatewide(this.scope);
    for (let i = 0; i < voters.length; i += 500) await this.m.insert(VoterEntity, voters.slice(i, i + 500));
  }

  /** Sets whether a voter has ID on file (the demo): for staff who reach every county. */
  async setIdOnFile(voterId: string, idOnFile: boolean): Promise<void> {
    requireStatewide(this.scope);
    await this.m.update(VoterEntity, { electionId: this.electionId, voterId }, { idOnFile });
  }
}
