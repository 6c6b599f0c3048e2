import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Issue 13: on PostgreSQL the portal's limits and the sign-in throttle are counted in the database,
 * so every instance of the service draws on one count. The table is rate-limiter-flexible's own
 * shape (a key, its points, when it expires in epoch milliseconds), made here rather than by the
 * library at start, so the schema stays what the migrations build. SQLite is one process: its
 * counts stay in memory and it gets no table.
 */
export class RateLimits1764340000000 implements MigrationInterface {
  name = 'RateLimits1764340000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query('CREATE TABLE rate_limits (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)');
    await q.query('CREATE INDEX rate_limits_expire ON rate_limits (expire)');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query('DROP TABLE rate_limits');
  }
}
