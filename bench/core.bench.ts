/**
 * Core benchmark (issue 2): 100,000 synthetic ballots through the eligibility engine and one
 * lifecycle transition each, in memory. Prints decisions per second, and the same work's ratio to
 * a baseline run in this process: a bare loop that only looks up each ballot's two ballot styles
 * and intersects them (the least any adjudication must do).
 *
 *   npm run bench:core            (BALLOTS=20000 npm run bench:core for a shorter run)
 */
import { seededRandom } from '@app/demo';
import { Jurisdiction, type BallotFacts, type JurisdictionBundle, type VoterRecord } from '@app/domain';
import { applyEvent, initialLifecycle, type BallotCommand, type TransitionEnv } from '@app/lifecycle';
import { decideEligibility, ElectionCalendar, loadBundledPacks, type EligibilityDecision } from '@app/rules';

const BALLOTS = Number(process.env['BALLOTS'] ?? 100_000);
const COUNTIES = 159;
const PRECINCTS_PER_COUNTY = 16;

function georgiaSizedBundle(): JurisdictionBundle {
  const counties = Array.from({ length: COUNTIES }, (_, i) => ({ code: `C${String(i + 1).padStart(3, '0')}`, name: `County ${i + 1}` }));
  const districts = [
    { id: 'GA', kind: 'statewide' as const, name: 'Georgia' },
    ...Array.from({ length: 14 }, (_, i) => ({ id: `CD${i + 1}`, kind: 'congressional' as const, name: `CD ${i + 1}` })),
    ...Array.from({ length: 56 }, (_, i) => ({ id: `SS${i + 1}`, kind: 'state_senate' as const, name: `SS ${i + 1}` })),
    ...counties.map((c) => ({ id: `CO-${c.code}`, kind: 'county' as const, name: c.name })),
  ];
  const precincts = counties.flatMap((c, ci) =>
    Array.from({ length: PRECINCTS_PER_COUNTY }, (_, p) => ({
      id: `${c.code}-${p}`,
      countyCode: c.code,
      districtIds: ['GA', `CD${((ci + (p % 2)) % 14) + 1}`, `SS${((ci * 3 + (p % 4)) % 56) + 1}`, `CO-${c.code}`],
    })),
  );
  const contests = [
    { id: 'president', districtId: 'GA', name: 'President' },
    { id: 'us-senate', districtId: 'GA', name: 'US Senate' },
    ...districts.filter((d) => d.kind !== 'statewide').map((d) => ({ id: `${d.id}-seat`, districtId: d.id, name: d.name })),
  ];
  return { counties, districts, precincts, contests };
}

interface Case {
  readonly ballot: BallotFacts;
  readonly voter: VoterRecord | null;
}

function syntheticCases(bundle: JurisdictionBundle, calendar: ElectionCalendar): Case[] {
  const random = seededRandom(2020_11_03);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const noon = calendar.instantAt('2020-11-03', '12:00');
  const cases: Case[] = [];
  for (let i = 0; i < BALLOTS; i += 1) {
    const home = pick(bundle.precincts);
    const roll = random();
    // Mostly their own precinct; some elsewhere in the county; a few in another county.
    const cast = roll < 0.8 ? home : roll < 0.95 ? pick(bundle.precincts.filter((p) => p.countyCode === home.countyCode)) : pick(bundle.precincts);
    const voter: VoterRecord | null =
      random() < 0.05
        ? null
        : {
            voterId: `V${i}`,
            status: random() < 0.9 ? 'active' : pick(['inactive', 'pending', 'cancelled'] as const),
            countyCode: home.countyCode,
            precinctId: home.id,
            registrationDate: random() < 0.98 ? '2012-03-01' : '2020-10-20',
            idOnFile: random() < 0.9,
            otherBallotAccepted: random() < 0.01,
          };
    const ballot: BallotFacts =
      random() < 0.75
        ? {
            kind: 'provisional',
            countyCode: cast.countyCode,
            precinctId: cast.id,
            castAt: noon,
            receivedAt: noon,
            issuedReason: random() < 0.01 ? 'extended_hours' : 'not_on_list',
            idShown: random() < 0.8,
            outOfPrecinctAffidavit: false,
            signature: random() < 0.97 ? 'present' : 'missing',
            curedReasons: [],
          }
        : {
            kind: 'uocava',
            category: 'military_overseas',
            countyCode: home.countyCode,
            receivedAt: noon + Math.floor(random() * 4 * 86_400_000),
            postmarkDate: random() < 0.95 ? '2020-10-30' : '2020-11-04',
            signedDate: null,
            signature: 'present',
            curedReasons: [],
          };
    cases.push({ ballot, voter });
  }
  return cases;
}

function commandFor(decision: EligibilityDecision): BallotCommand {
  switch (decision.outcome) {
    case 'count':
      return { type: 'VERIFY' };
    case 'cure':
      return { type: 'REQUEST_CURE', cureReason: decision.cures[0].reason };
    case 'reject':
      return { type: 'PROPOSE_REJECTION', reason: decision.rejection, note: 'Found by the rules engine.' };
    case 'hold':
      return { type: 'HOLD', courtOrder: 'Order extending polling hours' };
  }
}

function main(): void {
  const registry = loadBundledPacks();
  const pack = registry.select('GA', '2020-11-03');
  if (pack === undefined) throw new Error('no GA pack');
  const bundle = georgiaSizedBundle();
  const jurisdiction = new Jurisdiction(bundle);
  const calendar = new ElectionCalendar(pack, { electionDay: '2020-11-03', timeZone: pack.timeZone });
  const cases = syntheticCases(bundle, calendar);
  const now = calendar.instantAt('2020-11-05', '10:00');
  const start = initialLifecycle();
  const envFor = (decision: EligibilityDecision, c: Case): TransitionEnv => ({
    actor: decision.outcome === 'hold' ? { id: 'sup-1', role: 'supervisor' } : { id: 'clerk-1', role: 'clerk' },
    now,
    countyCertified: false,
    eligibility: decision,
    pendingCureSubmittedAt: null, cureDeadline: calendar.forCounty(c.ballot.countyCode).deadlines.provisionalCure.at,
  });

  // Warm-up: the same work once on a slice, so the figures below measure steady state, not the JIT.
  for (const c of cases.slice(0, 10_000)) {
    const decision = decideEligibility({ ...c, jurisdiction, calendar, now });
    applyEvent(start, commandFor(decision), envFor(decision, c));
  }

  // Baseline: the least any adjudication does per ballot.
  let touched = 0;
  const t0 = process.hrtime.bigint();
  for (const { ballot, voter } of cases) {
    const cast = jurisdiction.ballotStyle(ballot.kind === 'provisional' ? ballot.precinctId : (voter?.precinctId ?? ''));
    const own = voter === null ? undefined : jurisdiction.ballotStyleSet(voter.precinctId);
    if (cast !== undefined && own !== undefined) touched += cast.filter((c) => own.has(c)).length;
  }
  const baselineSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  // Eligibility alone, then eligibility plus one transition.
  const t1 = process.hrtime.bigint();
  const decisions = cases.map((c) => decideEligibility({ ...c, jurisdiction, calendar, now }));
  const eligibilitySeconds = Number(process.hrtime.bigint() - t1) / 1e9;

  const outcomes = new Map<string, number>();
  let accepted = 0;
  const t2 = process.hrtime.bigint();
  const cpu2 = process.cpuUsage();
  for (const c of cases) {
    const decision = decideEligibility({ ...c, jurisdiction, calendar, now });
    const command = commandFor(decision);
    const result = applyEvent(start, command, envFor(decision, c));
    if (result.ok) accepted += 1;
    outcomes.set(decision.outcome, (outcomes.get(decision.outcome) ?? 0) + 1);
  }
  const fullSeconds = Number(process.hrtime.bigint() - t2) / 1e9;
  const fullCpu = process.cpuUsage(cpu2);
  const fullCpuSeconds = (fullCpu.user + fullCpu.system) / 1e6;

  const perSecond = (seconds: number): string => Math.round(cases.length / seconds).toLocaleString('en-US');
  console.log(`core benchmark: ${cases.length.toLocaleString('en-US')} synthetic ballots, ${COUNTIES} counties, ${bundle.precincts.length} precincts, Node ${process.version}`);
  console.log(`  outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}; transitions accepted ${accepted}/${cases.length}`);
  console.log(`  baseline (style lookup + intersection): ${baselineSeconds.toFixed(3)} s, ${perSecond(baselineSeconds)} ballots/s (checksum ${touched})`);
  console.log(`  eligibility only:                       ${eligibilitySeconds.toFixed(3)} s, ${perSecond(eligibilitySeconds)} decisions/s (${decisions.length})`);
  console.log(`  eligibility + one transition each:      ${fullSeconds.toFixed(3)} s, ${perSecond(fullSeconds)} decisions/s (aim: 150,000)`);
  // On a shared machine the wall clock counts other processes' turns; the CPU time this process used does not (GC threads add to it).
  console.log(`    by CPU time:                         ${fullCpuSeconds.toFixed(3)} s, ${perSecond(fullCpuSeconds)} decisions per CPU second`);
  console.log(`  ratio to baseline: eligibility ${(eligibilitySeconds / baselineSeconds).toFixed(1)}x, eligibility + transition ${(fullSeconds / baselineSeconds).toFixed(1)}x`);
}

main();
