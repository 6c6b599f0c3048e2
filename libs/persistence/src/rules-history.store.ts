import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isPostgres } from './data-source';
import { CountyHoursEntity, CourtOrderEntity, ElectionEntity } from './entities';

/**
 * What changes an election's rules after it is set up, kept as history (court orders and a
 * county's own hours: appended, never edited), and the election's rules version, bumped in the
 * same transaction as any such change so that every process's cached rules are reloaded.
 */

/**
 * Bumps the election's rules version and returns the new one. On PostgreSQL the UPDATE locks the
 * election's row until the transaction ends, so two changes of one election are numbered in turn;
 * SQLite has one writer.
 */
export async function bumpRulesVersion(m: EntityManager, electionId: string): Promise<number> {
  const p = isPostgres(m.connection) ? '$1' : '?';
  await m.query(`UPDATE elections SET rules_version = rules_version + 1 WHERE id = ${p}`, [electionId]);
  const rows = await m.query<{ rules_version: number | string }[]>(`SELECT rules_version FROM elections WHERE id = ${p}`, [electionId]);
  const version = rows[0]?.rules_version;
  if (version === undefined) throw new Error(`election ${electionId} is not stored`);
  return Number(version);
}

/** The election's rules version as stored now: one indexed read, the cache's check before each use. */
export async function readRulesVersion(m: EntityManager, electionId: string): Promise<number | null> {
  const rows = await m.query<{ rules_version: number | string }[]>(`SELECT rules_version FROM elections WHERE id = ${isPostgres(m.connection) ? '$1' : '?'}`, [electionId]);
  const version = rows[0]?.rules_version;
  return version === undefined ? null : Number(version);
}

export interface NewCourtOrder {
  readonly electionId: string;
  readonly citation: string;
  readonly summary: string | null;
  readonly deadline: string;
  readonly countyCodes: readonly string[] | null;
  readonly extendedTo: string;
  readonly recordedBy: string;
  readonly recordedByRole: string;
  readonly recordedAt: number;
}

export async function appendCourtOrder(m: EntityManager, order: NewCourtOrder): Promise<CourtOrderEntity> {
  const rulesVersion = await bumpRulesVersion(m, order.electionId);
  const row = Object.assign(new CourtOrderEntity(), { ...order, id: randomUUID(), rulesVersion, countyCodes: order.countyCodes === null ? null : [...order.countyCodes] });
  await m.insert(CourtOrderEntity, row);
  return row;
}

export interface NewCountyHours {
  readonly electionId: string;
  readonly countyCode: string;
  readonly closeOfBusiness: string | null;
  readonly source: string;
  readonly recordedBy: string;
  readonly recordedByRole: string;
  readonly recordedAt: number;
}

export async function appendCountyHours(m: EntityManager, hours: NewCountyHours): Promise<CountyHoursEntity> {
  const rulesVersion = await bumpRulesVersion(m, hours.electionId);
  const row = Object.assign(new CountyHoursEntity(), { ...hours, id: randomUUID(), rulesVersion });
  await m.insert(CountyHoursEntity, row);
  return row;
}

/** Every court order of the election, in the order they were made (the last governs). */
export function courtOrdersOf(m: EntityManager, electionId: string): Promise<CourtOrderEntity[]> {
  return m.find(CourtOrderEntity, { where: { electionId }, order: { rulesVersion: 'ASC' } });
}

/** Every county-hours record of the election, oldest first (per county, the last governs). */
export function countyHoursOf(m: EntityManager, electionId: string): Promise<CountyHoursEntity[]> {
  return m.find(CountyHoursEntity, { where: { electionId }, order: { rulesVersion: 'ASC' } });
}

/** The election, with its rules version. */
export function electionById(m: EntityManager, electionId: string): Promise<ElectionEntity | null> {
  return m.findOneBy(ElectionEntity, { id: electionId });
}
