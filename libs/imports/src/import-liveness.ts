import { hostname } from 'node:os';
import { closeAbandonedVoterImports, type ImportActor, type ImportLiveness, type TransactionRunner } from '@app/persistence';

/** This process, as an import's record names its owner. */
export function thisProcess(): string {
  return `${hostname()}:${process.pid}`;
}

/** How long an import run from another host may go without committing a batch before it counts as abandoned. */
export const IMPORT_SILENT_LIMIT_MS = 15 * 60_000;

/**
 * Whether an import's process may still be running it: on this host, whether its pid is a live
 * process; from another host (a shared PostgreSQL), whether it committed a batch within
 * `IMPORT_SILENT_LIMIT_MS`. A pid the system has since given to another process counts as live:
 * the record is then closed at a later run, never wrongly.
 */
export function importLiveness(now: number): ImportLiveness {
  const host = hostname();
  return (owner, heartbeatAt) => {
    const match = owner === null ? null : /^(.*):(\d+)$/.exec(owner);
    if (match !== null && match[1] === host) return processRunning(Number(match[2]));
    return heartbeatAt !== null && now - heartbeatAt < IMPORT_SILENT_LIMIT_MS;
  };
}

function processRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Closes as `abandoned`, with `VOTER_ROLL_IMPORT_ABANDONED`, every import left `running` by a
 * process that died (issue 13); run by each import before it starts and by the service at start.
 */
export async function closeAbandonedImports(tx: TransactionRunner, actor: ImportActor, clock: { now(): number }): Promise<number[]> {
  return tx.run((m) => {
    const now = clock.now();
    return closeAbandonedVoterImports(m, importLiveness(now), actor, now);
  });
}
