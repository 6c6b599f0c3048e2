import { notFound, requirePermission, type Clock, type StaffActor } from '@app/domain';
import type { CountyEntity, ElectionEntity, Stores } from '@app/persistence';
import type { RulePackRegistry } from '@app/rules';
import { validInput } from './validators';
import { JurisdictionBundleDto, NewElectionDto } from './election.dto';
import { type ElectionRules, type ElectionRulesCache } from './election-rules';
import { createElection } from './election-setup';
import { importJurisdiction, type JurisdictionImportMode, type JurisdictionImportResult } from './jurisdiction-import';

/** An election as one actor sees it: its counties (theirs, for county staff) and its rules in force. */
export interface ElectionView {
  readonly election: ElectionEntity;
  readonly counties: readonly CountyEntity[];
  readonly rules: ElectionRules;
}

/**
 * Elections for the API, the console and the CLI: the list, one with its counties and rules,
 * creating one, and importing its jurisdiction; each input validated here (`validInput`), so a
 * CLI file is held to the API's rules.
 */
export class Elections {
  constructor(
    private readonly stores: Stores,
    private readonly packs: RulePackRegistry,
    private readonly rules: ElectionRulesCache,
    private readonly clock: Clock,
  ) {}

  /** Every election, newest election day first: an election is not county data. */
  list(actor: StaffActor): Promise<ElectionEntity[]> {
    return this.stores.read(actor, (s) => s.elections.list());
  }

  /** The election, or not found. */
  async get(actor: StaffActor, electionId: string): Promise<ElectionEntity> {
    const election = await this.stores.read(actor, (s) => s.elections.get(electionId));
    if (election === null) throw notFound('election');
    return election;
  }

  /** The election with the counties in the actor's reach and its rules in force. */
  view(actor: StaffActor, electionId: string): Promise<ElectionView> {
    return this.stores.read(actor, async (s) => {
      const election = await s.elections.get(electionId);
      if (election === null) throw notFound('election');
      const e = s.election(electionId);
      return { election, counties: await e.counties.list(), rules: await this.rules.get(e.rules) };
    });
  }

  /** The election's rules in force (its calendar, zones and deadlines). */
  rulesOf(actor: StaffActor, electionId: string): Promise<ElectionRules> {
    return this.stores.read(actor, (s) => this.rules.get(s.election(electionId).rules));
  }

  /** Creates an election from an input checked whole (the API's body, a CLI file): audited. */
  create(actor: StaffActor, input: unknown): Promise<ElectionEntity> {
    requirePermission(actor, 'create_election');
    const valid = validInput(NewElectionDto, input, 'the election');
    return this.stores.write(actor, (s) => createElection(s, this.packs, valid, this.clock.now()));
  }

  /**
   * Loads or corrects the election's jurisdiction from a bundle checked whole, in one transaction
   * (see `importJurisdiction`). A dry run does all of it, every check and refusal included, then
   * rolls the transaction back: the result says what the import would change, and nothing is
   * written, the audit entry neither.
   */
  async importJurisdiction(actor: StaffActor, electionId: string, bundle: unknown, mode: JurisdictionImportMode, options: { readonly dryRun?: boolean } = {}): Promise<JurisdictionImportResult> {
    requirePermission(actor, 'import_jurisdiction');
    const valid = validInput(JurisdictionBundleDto, bundle, 'the jurisdiction bundle');
    try {
      return await this.stores.write(actor, async (s) => {
        if ((await s.elections.get(electionId)) === null) throw notFound('election');
        const result = await importJurisdiction(s.election(electionId), valid, { mode, now: this.clock.now() });
        if (options.dryRun === true) throw new RolledBack(result);
        return result;
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.result;
      throw error;
    }
  }
}

/** Thrown out of a dry run's transaction so that it rolls back, carrying what it would have done. */
class RolledBack extends Error {
  constructor(readonly result: JurisdictionImportResult) {
    super('dry run: rolled back');
  }
}
