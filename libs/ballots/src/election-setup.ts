import { ElectionEntity } from '@app/persistence';
import { electionPackProblems, type ElectionType, type RulePackRegistry } from '@app/rules';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@app/domain';

export {
  importJurisdiction,
  type JurisdictionChanges,
  type JurisdictionImportAudit,
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
 */
export async function createElection(manager: EntityManager, packs: RulePackRegistry, input: NewElection, now: number): Promise<ElectionEntity> {
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
  await manager.insert(ElectionEntity, election);
  return election;
}
