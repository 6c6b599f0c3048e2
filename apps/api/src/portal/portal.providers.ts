import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { BallotTransitions, CureDecisions, ElectionRulesCache } from '@app/ballots';
import type { AppConfig } from '@app/config';
import { ContactUpdates, CureUploads, DEFAULT_PORTAL_LIMITS, PortalLimits, PortalLookup, UploadTokens, type PortalLimitSettings } from '@app/portal';
import { CureFiles, RATE_LIMITERS, Stores, type LimiterFactory } from '@app/persistence';
import { type Clock, CLOCK } from '@app/domain';
import { PortalFlows } from './portal.flows';

/**
 * PORTAL_LOOKUPS_PER_CLIENT, PORTAL_FAILURES_PER_RECEIPT_CLIENT, PORTAL_FAILURES_PER_RECEIPT,
 * PORTAL_LIMIT_WINDOW_SECONDS, PORTAL_RECEIPT_REST_SECONDS: whole numbers, or the defaults.
 */
export function portalLimitsFrom(env: NodeJS.ProcessEnv): PortalLimitSettings {
  const read = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new Error(`${name} must be a whole number of 1 or more`);
    return Number(text);
  };
  return {
    perClient: read('PORTAL_LOOKUPS_PER_CLIENT', DEFAULT_PORTAL_LIMITS.perClient),
    perReceiptClient: read('PORTAL_FAILURES_PER_RECEIPT_CLIENT', DEFAULT_PORTAL_LIMITS.perReceiptClient),
    perReceipt: read('PORTAL_FAILURES_PER_RECEIPT', DEFAULT_PORTAL_LIMITS.perReceipt),
    windowSeconds: read('PORTAL_LIMIT_WINDOW_SECONDS', DEFAULT_PORTAL_LIMITS.windowSeconds),
    receiptRestSeconds: read('PORTAL_RECEIPT_REST_SECONDS', DEFAULT_PORTAL_LIMITS.receiptRestSeconds),
  };
}

/** The portal's services: lookups, rate limits, upload tokens (signed with the session secret), cure uploads under DATA_DIR/uploads. */
export function portalProviders(config: AppConfig): Provider[] {
  return [
    { provide: PortalLookup, useFactory: (stores: Stores, rules: ElectionRulesCache, clock: Clock) => new PortalLookup(stores, rules, clock), inject: [Stores, ElectionRulesCache, CLOCK] },
    // On PostgreSQL the counts live in the database, shared by every instance; on SQLite (one process) in memory.
    { provide: PortalLimits, useFactory: (limiters: LimiterFactory) => new PortalLimits(portalLimitsFrom(process.env), limiters), inject: [RATE_LIMITERS] },
    { provide: UploadTokens, useFactory: () => new UploadTokens(config.sessionSecret) },
    { provide: ContactUpdates, useFactory: (stores: Stores, clock: Clock) => new ContactUpdates(stores, clock), inject: [Stores, CLOCK] },
    PortalFlows,
    { provide: CureFiles, useFactory: () => new CureFiles(join(config.dataDir, 'uploads')) },
    {
      provide: CureUploads,
      useFactory: (stores: Stores, rules: ElectionRulesCache, clock: Clock, files: CureFiles) => new CureUploads(stores, rules, clock, files),
      inject: [Stores, ElectionRulesCache, CLOCK, CureFiles],
    },
    {
      provide: CureDecisions,
      useFactory: (stores: Stores, transitions: BallotTransitions, rules: ElectionRulesCache, clock: Clock, files: CureFiles) => new CureDecisions(stores, transitions, rules, clock, files),
      inject: [Stores, BallotTransitions, ElectionRulesCache, CLOCK, CureFiles],
    },
  ];
}
