import { randomBytes } from 'node:crypto';
import type { UsersService } from '@app/auth';
import { setUpElection, type BallotIntake, type BallotTransitions, type IntakeInput } from '@app/ballots';
import type { IssuedReason, RegistrationStatus, Role } from '@app/domain';
import type { BallotCommand } from '@app/lifecycle';
import { VoterEntity, type BallotEntity, type Stores } from '@app/persistence';
import type { RulePackRegistry } from '@app/rules';
import { demoJurisdiction } from './demo-jurisdiction';
import { picker, seededRandom } from './random';
import { SYSTEM_ACTOR, type Clock, type StaffActor } from '@app/domain';

export const DEMO_ELECTION_ID = 'ga-2020-general';
/** The demo runs in election week: the service's clock starts here unless CLOCK_AT says otherwise. */
/** Second surnames the demo's unmatched voters sign with (none is a surname on the demo roll). */
const SECOND_SURNAMES = ['Okafor', 'Castillo', 'Haddad', 'Kowalski', 'Moreau'] as const;

export const DEMO_CLOCK_START = '2020-11-05T10:00:00-05:00';

export interface DemoDeps {
  readonly stores: Stores;
  readonly packs: RulePackRegistry;
  readonly intake: BallotIntake;
  readonly transitions: BallotTransitions;
  readonly users: UsersService;
  readonly clock: Clock;
}

export interface DemoCredential {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly countyCode: string | null;
}

export interface DemoSummary {
  readonly counties: number;
  readonly precincts: number;
  readonly voters: number;
  readonly ballots: number;
  readonly byState: Record<string, number>;
  readonly credentials: readonly DemoCredential[];
}

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Aaliyah', 'Jose', 'Keisha', 'Nguyen', 'Tamika', 'Carlos', 'Grace', 'DeShawn'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Jackson', 'Thomas', 'Moore', 'Harris', 'Lee', 'Walker', 'Hall', 'Young', 'King', 'Wright'];
const STREETS = ['Peachtree St', 'Ponce de Leon Ave', 'Main St', 'Oak St', 'Church St', 'Magnolia Dr', 'Pine St', 'Broad St'];

/** Counties with demo clerks and supervisors. */
export const DEMO_COUNTIES: readonly string[] = ['FULTON', 'COBB', 'DEKALB', 'GWINNETT'];

const SEEDER: StaffActor = { id: 'demo-seed', username: 'demo-seed', role: 'admin', countyCode: null };
const REVIEWER: StaffActor = { id: 'demo-seed-reviewer', username: 'demo-seed-reviewer', role: 'admin', countyCode: null };

/** Where each demo ballot is taken, and the share of ballots that end there. */
const TARGETS = [
  ['received.pending', 0.3],
  ['received.awaitingCure', 0.1],
  ['cured', 0.05],
  ['verified', 0.1],
  ['counted', 0.25],
  ['received.rejectionProposed', 0.08],
  ['rejected', 0.08],
  ['received.held', 0.04],
] as const;
type Target = (typeof TARGETS)[number][0];

function demoPassword(): string {
  return `demo-${randomBytes(9).toString('base64url')}`;
}

/**
 * Seeds the demo election (issue 3): Georgia's general election of 3 November 2020 under GA-2020,
 * all 159 counties, a synthetic jurisdiction, synthetic voters, and ballots in every state, each
 * put there through the real lifecycle (so each has its audit trail). Returns null, changing
 * nothing, when the demo election is already there.
 */
export async function seedDemo(deps: DemoDeps, options: { voters: number; ballots: number }): Promise<DemoSummary | null> {
  if ((await deps.stores.read(SYSTEM_ACTOR, (s) => s.elections.get(DEMO_ELECTION_ID))) !== null) return null;
  const random = seededRandom(2020_11_03);
  const pick = picker(random);
  const bundle = demoJurisdiction();
  await deps.stores.write(SYSTEM_ACTOR, (s) =>
    setUpElection(s, deps.packs, { id: DEMO_ELECTION_ID, name: 'Georgia General Election, 3 November 2020 (demo)', state: 'GA', electionDay: '2020-11-03', rulePackId: 'GA-2020' }, bundle, deps.clock.now()),
  );

  // Voters, spread over the precincts.
  const voters: VoterEntity[] = [];
  for (let i = 0; i < options.voters; i += 1) {
    const precinct = pick(bundle.precincts);
    const roll = random();
    const status: RegistrationStatus = roll < 0.92 ? 'active' : roll < 0.97 ? 'inactive' : roll < 0.99 ? 'pending' : 'cancelled';
    const year = 1940 + Math.floor(random() * 62);
    voters.push(
      Object.assign(new VoterEntity(), {
        electionId: DEMO_ELECTION_ID,
        voterId: String(10_000_000 + i),
        firstName: pick(FIRST),
        lastName: pick(LAST),
        dateOfBirth: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        countyCode: precinct.countyCode,
        precinctId: precinct.id,
        status,
        registrationDate: random() < 0.97 ? `${2000 + Math.floor(random() * 20)}-0${1 + Math.floor(random() * 9)}-15` : '2020-10-12',
        idOnFile: random() < 0.9,
        otherBallotAccepted: random() < 0.01,
      }),
    );
  }
  for (let i = 0; i < voters.length; i += 10_000) {
    const slice = voters.slice(i, i + 10_000);
    await deps.stores.write(SYSTEM_ACTOR, (s) => s.election(DEMO_ELECTION_ID).voters.add(slice));
  }

  // Staff: a state admin and observer; a clerk, a second clerk and a supervisor in four counties.
  const credentials: DemoCredential[] = [
    { username: 'state.admin', password: demoPassword(), role: 'admin', countyCode: null },
    { username: 'state.observer', password: demoPassword(), role: 'observer', countyCode: null },
  ];
  for (const county of DEMO_COUNTIES) {
    const name = county.toLowerCase();
    credentials.push(
      { username: `${name}.clerk`, password: demoPassword(), role: 'clerk', countyCode: county },
      { username: `${name}.clerk2`, password: demoPassword(), role: 'clerk', countyCode: county },
      { username: `${name}.supervisor`, password: demoPassword(), role: 'supervisor', countyCode: county },
    );
  }
  for (const c of credentials) {
    await deps.users.create(SYSTEM_ACTOR, { username: c.username, displayName: c.username, password: c.password, role: c.role, countyCode: c.countyCode });
  }

  // Ballots, each driven to its target state through the lifecycle; half of them in the four
  // counties that have demo users, so each of those has ballots in every state to work.
  const byState: Record<string, number> = {};
  const demoCountyVoters = voters.filter((v) => DEMO_COUNTIES.includes(v.countyCode));
  const electionDay = (hour: number, minute: number) => Date.UTC(2020, 10, 3, hour + 5, minute); // EST is UTC-5
  for (let i = 0; i < options.ballots; i += 1) {
    const target = chooseTarget(random());
    const voter = i % 2 === 0 && demoCountyVoters.length > 0 ? pick(demoCountyVoters) : pick(voters);
    const uocava = target !== 'received.held' && random() < 0.25;
    const needsCure = target === 'received.awaitingCure' || target === 'cured';
    const castAt = electionDay(7 + Math.floor(random() * 12), Math.floor(random() * 60));
    const elsewhere = !uocava && target === 'counted' && random() < 0.3;
    const castPrecinct = elsewhere ? pick(bundle.precincts.filter((p) => p.countyCode === voter.countyCode)) : bundle.precincts.find((p) => p.id === voter.precinctId);
    const eligibleVoter = voter.status === 'active' && !voter.otherBallotAccepted && voter.registrationDate <= '2020-10-05';
    const matched = target === 'rejected' || target === 'received.rejectionProposed' ? random() < 0.5 && eligibleVoter : eligibleVoter;
    const issued: IssuedReason = target === 'received.held' ? 'extended_hours' : needsCure ? 'no_id' : pick(['not_on_list', 'not_on_list', 'registration_not_updated', 'mail_ballot_not_surrendered', 'challenged_by_official', 'other'] as const);
    const received = uocava ? Date.UTC(2020, 9, 20 + Math.floor(random() * 17), 14 + Math.floor(random() * 6)) : castAt;
    const input: IntakeInput = {
      electionId: DEMO_ELECTION_ID,
      receiptNumber: `GA20-${uocava ? 'U' : 'P'}-${String(i + 1).padStart(6, '0')}`,
      kind: uocava ? 'uocava' : 'provisional',
      countyCode: voter.countyCode,
      precinctId: uocava ? null : (castPrecinct?.id ?? voter.precinctId),
      firstName: voter.firstName,
      // A voter research does not find at intake signs with a name the roll does not have (a
      // second surname), so intake cannot match it on its own; the clerk's search by the first
      // surname and the date of birth finds the record.
      lastName: matched ? voter.lastName : `${voter.lastName}-${SECOND_SURNAMES[i % SECOND_SURNAMES.length] ?? 'Okafor'}`,
      dateOfBirth: voter.dateOfBirth,
      address: `${100 + Math.floor(random() * 9000)} ${pick(STREETS)}, ${voter.countyCode} County, GA`,
      claimedVoterId: matched ? voter.voterId : null,
      issuedReason: uocava ? null : issued,
      uocavaCategory: uocava ? pick(['military_overseas', 'military_stateside', 'overseas_temporary', 'overseas_permanent'] as const) : null,
      // One UOCAVA ballot in ten came back on the federal write-in absentee ballot (FWAB).
      fwab: uocava && i % 10 === 3,
      postmarkDate: uocava ? new Date(received - (2 + Math.floor(random() * 8)) * 86_400_000).toISOString().slice(0, 10) : null,
      signedDate: null,
      receivedAt: Math.min(received, deps.clock.now()),
      castAt: uocava ? null : castAt,
      idShown: !needsCure,
      outOfPrecinctAffidavit: false,
      signature: 'present',
      notes: '',
      // Some voters asked for notices by email, some by text, some neither (they get a letter); one in five in Spanish.
      contactEmail: i % 3 === 0 ? `voter${i + 1}@example.org` : null,
      contactPhone: i % 3 === 1 ? `+1 404 555 ${String(1000 + (i % 9000)).padStart(4, '0')}` : null,
      language: i % 5 === 4 ? 'es' : 'en',
    };
    if (needsCure) {
      // The voter has no ID on file either, so the rules call for an ID cure.
      await deps.stores.write(SYSTEM_ACTOR, (s) => s.election(DEMO_ELECTION_ID).voters.setIdOnFile(voter.voterId, false));
    }
    const ballot = await deps.intake.intake(SEEDER, input);
    const final = await drive(deps, ballot, target);
    byState[final] = (byState[final] ?? 0) + 1;
  }
  return { counties: bundle.counties.length, precincts: bundle.precincts.length, voters: voters.length, ballots: options.ballots, byState, credentials };
}

function chooseTarget(roll: number): Target {
  let sum = 0;
  for (const [target, share] of TARGETS) {
    sum += share;
    if (roll < sum) return target;
  }
  return 'received.pending';
}

/** Sends the events that take a pending ballot to `target`, as far as the rules allow; returns where it ended. */
async function drive(deps: DemoDeps, ballot: BallotEntity, target: Target): Promise<string> {
  let current = ballot.version;
  let state: string = ballot.status;
  const send = async (actor: StaffActor, command: BallotCommand): Promise<boolean> => {
    try {
      const outcome = await deps.transitions.apply(actor, ballot.id, command, current);
      current = outcome.ballot.version;
      state = outcome.ballot.status;
      return true;
    } catch {
      return false; // the rules refused: the ballot stays where it is, which is a state too
    }
  };
  if (state !== 'received.pending') return state; // a late UOCAVA ballot, proposed for rejection at intake
  switch (target) {
    case 'received.pending':
      break;
    case 'received.awaitingCure':
      await send(SEEDER, { type: 'REQUEST_CURE', cureReason: 'id_required' });
      break;
    case 'cured':
      if (await send(SEEDER, { type: 'REQUEST_CURE', cureReason: 'id_required' })) await send(SEEDER, { type: 'RECORD_CURE', evidence: 'Georgia driver\'s licence shown at the registrar\'s office' });
      break;
    case 'verified':
      await send(SEEDER, { type: 'VERIFY' });
      break;
    case 'counted':
      if (await send(SEEDER, { type: 'VERIFY' })) await send(SEEDER, { type: 'COUNT' });
      break;
    case 'received.rejectionProposed':
      await send(SEEDER, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No registration found for the name and date of birth given.' });
      break;
    case 'rejected':
      if (await send(SEEDER, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No registration found for the name and date of birth given.' })) {
        await send(REVIEWER, { type: 'CONFIRM_REJECTION' });
      }
      break;
    case 'received.held':
      await send(REVIEWER, { type: 'HOLD', courtOrder: 'Order extending polling hours (demo)' });
      break;
  }
  return state;
}
