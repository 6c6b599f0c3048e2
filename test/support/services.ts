import { randomBytes } from 'node:crypto';
import { type ElectionRules, BallotIntake, BallotTransitions, DeadlineOrders, DeadlineSweep, VoterResearch, ElectionRulesCache, setUpElection, type IntakeInput } from '@app/ballots';
import type { JurisdictionBundle } from '@app/domain';
import { type BallotEntity, Stores, TransactionRunner, VoterEntity } from '@app/persistence';
import type { EligibilityDecision } from '@app/rules';
import { loadBundledPacks } from '@app/rules';
import { GEORGIA_BUNDLE } from '@test/fixtures/jurisdiction';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR, type StaffActor } from '@app/domain';

/** A clock the test sets. */
export class TestClock {
  constructor(public current: number) {}
  now(): number {
    return this.current;
  }
}

export const GA_2020_ELECTION = 'ga-2020-general';

export const FULTON_CLERK: StaffActor = { id: 'u-fulton-clerk', username: 'fulton.clerk', role: 'clerk', countyCode: 'FULTON' };
export const FULTON_CLERK_2: StaffActor = { id: 'u-fulton-clerk-2', username: 'fulton.clerk2', role: 'clerk', countyCode: 'FULTON' };
export const FULTON_SUPERVISOR: StaffActor = { id: 'u-fulton-sup', username: 'fulton.supervisor', role: 'supervisor', countyCode: 'FULTON' };
export const COBB_CLERK: StaffActor = { id: 'u-cobb-clerk', username: 'cobb.clerk', role: 'clerk', countyCode: 'COBB' };
export const OBSERVER: StaffActor = { id: 'u-observer', username: 'state.observer', role: 'observer', countyCode: null };
export const COBB_SUPERVISOR: StaffActor = { id: 'u-cobb-sup', username: 'cobb.supervisor', role: 'supervisor', countyCode: 'COBB' };
export const ADMIN: StaffActor = { id: 'u-admin', username: 'state.admin', role: 'admin', countyCode: null };

export interface Services {
  readonly tx: TransactionRunner;
  readonly stores: Stores;
  readonly clock: TestClock;
  readonly rules: ElectionRulesCache;
  readonly transitions: BallotTransitions;
  readonly intake: BallotIntake;
  readonly research: VoterResearch;
  readonly orders: DeadlineOrders;
  readonly sweep: DeadlineSweep;
  readonly outOfScope: { actor: string; ballotId: string }[];
  /** The election's rules in force, as the service reads them. */
  rulesOf(electionId: string): Promise<ElectionRules>;
  /** What the rules decide for a ballot now (no change made). */
  decide(ballot: BallotEntity, now: number): Promise<EligibilityDecision>;
}

export function services(dataSource: DataSource, now: number): Services {
  const tx = new TransactionRunner(dataSource);
  const stores = new Stores(tx);
  const clock = new TestClock(now);
  const outOfScope: { actor: string; ballotId: string }[] = [];
  const rules = new ElectionRulesCache(loadBundledPacks());
  const transitions = new BallotTransitions(stores, rules, clock, { outOfScope: (actor, ballotId) => outOfScope.push({ actor: actor.id, ballotId }) });
  return {
    tx,
    stores,
    clock,
    rules,
    transitions,
    intake: new BallotIntake(stores, transitions, clock, rules),
    research: new VoterResearch(stores, transitions),
    orders: new DeadlineOrders(stores, rules, clock),
    sweep: new DeadlineSweep(stores, transitions, clock),
    outOfScope,
    rulesOf: (electionId) => stores.read(SYSTEM_ACTOR, (st) => rules.get(st.election(electionId).rules)),
    decide: (ballot, at) => stores.read(SYSTEM_ACTOR, (st) => transitions.decide(st.election(ballot.electionId), ballot, at)),
  };
}

/** Another Georgia 2020 election, on the fixture jurisdiction unless told otherwise, with no voters: for a test that needs one of its own. */
export async function seedEmptyElection(dataSource: DataSource, id: string, bundle: JurisdictionBundle = GEORGIA_BUNDLE, name = `Test election ${id}`, electionDay = '2020-11-03'): Promise<void> {
  const createdAt = Date.parse(`${electionDay}T12:00:00Z`) - 30 * 86_400_000;
  await new Stores(new TransactionRunner(dataSource)).write(SYSTEM_ACTOR, (s) => setUpElection(s, loadBundledPacks(), { id, name, state: 'GA', electionDay }, bundle, createdAt));
}

/** Georgia's 2020 general election on the fixture jurisdiction, with three registered voters. */
export async function seedGeorgia2020(dataSource: DataSource): Promise<void> {
  await seedEmptyElection(dataSource, GA_2020_ELECTION, GEORGIA_BUNDLE, 'Georgia General Election 2020');
  const tx = new TransactionRunner(dataSource);
  await tx.run(async (manager) => {
    const voter = (voterId: string, precinctId: string, countyCode: string, overrides: Partial<VoterEntity> = {}): VoterEntity =>
      Object.assign(new VoterEntity(), {
        electionId: GA_2020_ELECTION,
        voterId,
        firstName: 'Pat',
        lastName: `Voter${voterId}`,
        dateOfBirth: '1980-02-29',
        countyCode,
        precinctId,
        status: 'active',
        registrationDate: '2012-01-01',
        idOnFile: true,
        otherBallotAccepted: false,
        ...overrides,
      });
    await manager.insert(VoterEntity, [
      voter('1001', 'FUL-01', 'FULTON'),
      voter('1002', 'FUL-01', 'FULTON', { idOnFile: false }),
      voter('2001', 'COB-01', 'COBB'),
    ]);
  });
}

let receipt = 0;

/** A provisional ballot cast at noon on election day in FUL-01 by voter 1001. */
export function provisionalIntake(overrides: Partial<IntakeInput> = {}): IntakeInput {
  receipt += 1;
  return {
    electionId: GA_2020_ELECTION,
    receiptNumber: `P-${String(receipt).padStart(6, '0')}`,
    kind: 'provisional',
    countyCode: 'FULTON',
    precinctId: 'FUL-01',
    firstName: 'Pat',
    lastName: 'Voter1001',
    dateOfBirth: '1980-02-29',
    address: '1 Peachtree St, Atlanta, GA',
    claimedVoterId: '1001',
    issuedReason: 'not_on_list',
    uocavaCategory: null,
    fwab: false,
    postmarkDate: null,
    signedDate: null,
    receivedAt: Date.UTC(2020, 10, 3, 17),
    castAt: Date.UTC(2020, 10, 3, 17),
    contactEmail: null,
    contactPhone: null,
    language: 'en',
    idShown: true,
    outOfPrecinctAffidavit: false,
    signature: 'present',
    notes: '',
    ...overrides,
  };
}

/** A fresh portal upload grant for a ballot, as a lookup's token carries it: good for one document. */
export function uploadGrant(ballotId: string): { ballotId: string; tokenId: string } {
  return { ballotId, tokenId: randomBytes(12).toString('base64url') };
}
