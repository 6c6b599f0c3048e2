import { Jurisdiction, type JurisdictionBundle } from '@app/domain';
import {
  ContestEntity,
  CountyEntity,
  DistrictEntity,
  ElectionEntity,
  PrecinctDistrictEntity,
  PrecinctEntity,
} from '@app/persistence';
import type { RulePackRegistry } from '@app/rules';
import type { EntityManager } from 'typeorm';
import { DomainError } from './errors';

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

const CHUNK = 200;

async function insertMissing<T extends object>(manager: EntityManager, entity: new () => T, rows: readonly T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await manager.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + CHUNK)).orIgnore().execute();
  }
}

/**
 * Loads a jurisdiction bundle into an election. The bundle is checked whole first (every
 * reference resolves) and then written in the caller's transaction, so a bad bundle writes
 * nothing. Rows already present are left as they are: importing the same bundle twice changes nothing.
 */
export async function importJurisdiction(manager: EntityManager, electionId: string, bundle: JurisdictionBundle): Promise<{ counties: number; precincts: number; districts: number; contests: number }> {
  try {
    new Jurisdiction(bundle);
  } catch (error) {
    throw new DomainError('invalid_input', error instanceof Error ? error.message : String(error));
  }
  await insertMissing(manager, CountyEntity, bundle.counties.map((c) =>
    Object.assign(new CountyEntity(), {
      electionId,
      code: c.code,
      name: c.name,
      closeOfBusiness: null,
      closeOfBusinessSource: null,
      officeName: c.office?.name ?? null,
      officeAddress: c.office?.address ?? null,
      officeHours: c.office?.hours ?? null,
      officePhone: c.office?.phone ?? null,
      officeEmail: c.office?.email ?? null,
      certifiedAt: null,
      certifiedBy: null,
    })));
  await insertMissing(manager, DistrictEntity, bundle.districts.map((d) => Object.assign(new DistrictEntity(), { electionId, id: d.id, kind: d.kind, name: d.name })));
  await insertMissing(manager, PrecinctEntity, bundle.precincts.map((p) => Object.assign(new PrecinctEntity(), { electionId, id: p.id, countyCode: p.countyCode, name: p.id })));
  await insertMissing(manager, PrecinctDistrictEntity, bundle.precincts.flatMap((p) =>
    p.districtIds.map((districtId) => Object.assign(new PrecinctDistrictEntity(), { electionId, precinctId: p.id, districtId }))));
  await insertMissing(manager, ContestEntity, bundle.contests.map((c, i) =>
    Object.assign(new ContestEntity(), { electionId, id: c.id, districtId: c.districtId, name: c.name, ballotOrder: i })));
  return { counties: bundle.counties.length, precincts: bundle.precincts.length, districts: bundle.districts.length, contests: bundle.contests.length };
}
