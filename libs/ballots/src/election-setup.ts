import { ElectionEntity } from '@app/persistence';
import type { RulePackRegistry } from '@app/rules';
import type { EntityManager } from 'typeorm';
import { DomainError } from './errors';

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
}

/** Creates an election under the rule pack in force for its state and day (or the one named). */
export async function createElection(manager: EntityManager, packs: RulePackRegistry, input: NewElection, now: number): Promise<ElectionEntity> {
  const pack = input.rulePackId !== undefined ? packs.get(input.rulePackId) : packs.select(input.state, input.electionDay);
  if (pack === undefined) {
    throw new DomainError('invalid_input', `no rule pack for ${input.state} on ${input.electionDay}`, {}, [
      { field: input.rulePackId !== undefined ? 'rulePackId' : 'electionDay', message: 'no rule pack is in force' },
    ]);
  }
  if (pack.state !== input.state) {
    throw new DomainError('invalid_input', `rule pack ${pack.id} is for ${pack.state}`, {}, [{ field: 'rulePackId', message: `is not a ${input.state} pack` }]);
  }
  const election = Object.assign(new ElectionEntity(), {
    id: input.id,
    name: input.name,
    state: input.state,
    electionDay: input.electionDay,
    timeZone: input.timeZone ?? pack.timeZone,
    rulePackId: pack.id,
    pollsClose: input.pollsClose ?? null,
    createdAt: now,
  });
  await manager.insert(ElectionEntity, election);
  return election;
}
