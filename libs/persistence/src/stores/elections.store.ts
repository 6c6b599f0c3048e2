import type { EntityManager } from 'typeorm';
import { ElectionEntity } from '../entities';

/**
 * Elections. An election is not county data: every staff member sees the list (their county's
 * part of each is what the other stores narrow to); creating one is an administrator's.
 */
export class ElectionsStore {
  constructor(private readonly m: EntityManager) {}

  /** Newest election day first. */
  list(): Promise<ElectionEntity[]> {
    return this.m.find(ElectionEntity, { order: { electionDay: 'DESC', id: 'ASC' } });
  }

  get(id: string): Promise<ElectionEntity | null> {
    return this.m.findOneBy(ElectionEntity, { id });
  }

  async insert(election: ElectionEntity): Promise<void> {
    await this.m.insert(ElectionEntity, election);
  }
}
