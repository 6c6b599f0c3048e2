import type { EntityManager } from 'typeorm';
import { SessionEntity, UserEntity } from '../entities';
import { AuditStore } from './audit.store';
import { scopeOf } from './scope';
import { SYSTEM_ACTOR, type StaffActor } from '@app/domain';

/**
 * Staff accounts and their sessions: not election or county data. Managing accounts is an
 * administrator's (the auth service checks the permission); signing in is anyone's. Every change
 * is audited by the caller in the same transaction (`audit`).
 */
export class AccountsStore {
  constructor(private readonly m: EntityManager) {}

  /** The audit chain, for a staff action by `actor` (signing in and out: the account itself). */
  audit(actor: StaffActor = SYSTEM_ACTOR): AuditStore {
    return new AuditStore(this.m, scopeOf(actor), null);
  }

  userByUsername(username: string): Promise<UserEntity | null> {
    return this.m.findOneBy(UserEntity, { username });
  }

  userById(id: string): Promise<UserEntity | null> {
    return this.m.findOneBy(UserEntity, { id });
  }

  listUsers(): Promise<UserEntity[]> {
    return this.m.find(UserEntity, { order: { username: 'ASC' } });
  }

  /** Every account's id and username, for showing who did what. */
  async usernames(): Promise<ReadonlyMap<string, string>> {
    const users = await this.m.find(UserEntity, { select: { id: true, username: true } });
    return new Map(users.map((u) => [u.id, u.username]));
  }

  async insertUser(user: UserEntity): Promise<void> {
    await this.m.insert(UserEntity, user);
  }

  async updateUser(id: string, fields: Partial<Pick<UserEntity, 'role' | 'countyCode' | 'failedLogins' | 'lockedUntil' | 'disabled' | 'passwordHash' | 'displayName'>>): Promise<void> {
    await this.m.update(UserEntity, { id }, fields);
  }

  async insertSession(session: SessionEntity): Promise<void> {
    await this.m.insert(SessionEntity, session);
  }

  sessionByTokenHash(tokenHash: string): Promise<SessionEntity | null> {
    return this.m.findOneBy(SessionEntity, { tokenHash });
  }

  async touchSession(tokenHash: string, lastSeenAt: number): Promise<void> {
    await this.m.update(SessionEntity, { tokenHash }, { lastSeenAt });
  }

  /** Ends a session; returns its user's id, if it was one. */
  async deleteSession(tokenHash: string): Promise<string | null> {
    const session = await this.sessionByTokenHash(tokenHash);
    await this.m.delete(SessionEntity, { tokenHash });
    return session?.userId ?? null;
  }
}
