import { DomainError, requirePermission, type JurisdictionBundle } from '@app/domain';
import { importJurisdiction } from './jurisdiction-import';
import { ElectionEntity, type ActorStores } from '@app/persistence';
import { electionPackProblems, type ElectionType, type RulePackRegistry } from '@app/rules';

export {
  importJurisdiction,
  type JurisdictionChanges,
  type JurisdictionImportMode,
  type JurisdictionImportResult,
} from './jurisdiction-import';

export interface NewElection {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly electionDay: string;
  /** The election's zone; the pack's when absent. */
  readonly timeZone?: string;
  /** A pack id; the one in force for the state on election day when absent. */
  readonly rulePackId?: string;
  readonly pollsClose?: string | null;
  /** `general` when absent. */
  readonly electionType?: ElectionType;
  /** Whether a federal office is on the ballot; true when absent. */
  readonly federal?: boolean;
}

/**
 * Creates an election under the rule pack in force for its state and day, in the zone that pack's
 * law uses (issue 11): a pack named that is not the one in force on election day, or a zone the
 * pack does not use, is refused naming the field, so no election is judged under the wrong law.
 * Audited (`ELECTION_CREATED`) as the stores' actor.
 */
export async function createElection(s: ActorStores, packs: RulePackRegistry, input: NewElection, now: number): Promise<ElectionEntity> {
  requirePermission(s.actor, 'create_election');
  if ((await s.elections.get(input.id)) !== null) throw new DomainError('conflict', `election ${input.id} exists`, {}, [{ field: 'id', message: 'is taken' }]);
  const problems = electionPackProblems(packs, input);
  if (problems.length > 0) throw new DomainError('invalid_input', problems.map((p) => p.message).join(' '), {}, problems);
  const pack = packs.select(input.state, input.electionDay);
  if (pack === undefined) throw new DomainError('invalid_input', `no rule pack for ${input.state} on ${input.electionDay}`, {}, [{ field: 'electionDay', message: 'no rule pack is in force' }]);
  const election = Object.assign(new ElectionEntity(), {
    id: input.id,
    name: input.name,
    state: input.state,
    electionDay: input.electionDay,
    timeZone: input.timeZone ?? pack.timeZone,
    rulePackId: pack.id,
    pollsClose: input.pollsClose ?? null,
    electionType: input.electionType ?? 'general',
    federal: input.federal ?? true,
    rulesVersion: 1,
    createdAt: now,
  });
  await s.elections.insert(election);
  await s.election(election.id).audit.append({
    event: 'ELECTION_CREATED',
    payload: { name: election.name, state: election.state, electionDay: election.electionDay, timeZone: election.timeZone, rulePackId: election.rulePackId, electionType: election.electionType, federal: election.federal },
    at: now,
  });
  return election;
}

/** An election and its jurisdiction in one go (the demo, tests and benchmarks set one up so), as the stores' actor. */
export async function setUpElection(s: ActorStores, packs: RulePackRegistry, input: NewElection, bundle: JurisdictionBundle, now: number): Promise<ElectionEntity> {
  const election = await createElection(s, packs, input, now);
  await importJurisdiction(s.election(election.id), bundle, { now });
  return election;
}
