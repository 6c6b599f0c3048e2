import { DateTime } from 'luxon';
import { ELECTION_TYPES } from './codes';
import type { RulePack } from './pack.loader';
import type { RulePackRegistry } from './packs';

/** What the service knows of an election it is asked to create. */
export interface ElectionPackInput {
  readonly state: string;
  readonly electionDay: string;
  readonly timeZone?: string | null;
  readonly rulePackId?: string | null;
  /** Checked against ELECTION_TYPES; a raw string, as it arrives. */
  readonly electionType?: string | null;
  readonly federal?: boolean | null;
}

/** One thing wrong with the input, naming the field, in words for the person who typed it. */
export interface ElectionPackProblem {
  readonly field: string;
  readonly message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function longDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-US').toFormat('d LLLL yyyy');
}

function period(pack: RulePack): string {
  return pack.effectiveTo === null
    ? `from ${longDate(pack.effectiveFrom)}`
    : `from ${longDate(pack.effectiveFrom)} to ${longDate(pack.effectiveTo)}`;
}

/**
 * Whether an election may be created as given: its day is a date, a rule pack is in force for its
 * state on that day, the pack it names (if any) is that one, its time zone (if given) is the pack's,
 * and its type (if given) is one the packs know. Pure; an empty list means no problem.
 */
export function electionPackProblems(registry: RulePackRegistry, input: ElectionPackInput): ElectionPackProblem[] {
  const problems: ElectionPackProblem[] = [];
  const { state, electionDay } = input;

  if (input.electionType !== undefined && input.electionType !== null && !(ELECTION_TYPES as readonly string[]).includes(input.electionType)) {
    problems.push({
      field: 'electionType',
      message: `"${input.electionType}" is not a kind of election the rules know. Choose one of: ${ELECTION_TYPES.join(', ')}.`,
    });
  }
  if (!DATE.test(electionDay) || !DateTime.fromISO(electionDay, { zone: 'UTC' }).isValid) {
    problems.push({ field: 'electionDay', message: `"${electionDay}" is not a date. Write election day as YYYY-MM-DD, for example 2024-11-05.` });
    return problems;
  }
  const statePacks = registry.packs.filter((p) => p.state === state);
  if (statePacks.length === 0) {
    problems.push({ field: 'state', message: `There are no rules for elections in "${state}". Use a state that has a rule pack.` });
    return problems;
  }
  const inForce = registry.select(state, electionDay);
  if (inForce === undefined) {
    const covered = statePacks.map((p) => `${p.id} (${period(p)})`).join('; ');
    problems.push({
      field: 'electionDay',
      message: `No ${state} rule pack is in force on ${longDate(electionDay)}. The ${state} packs cover: ${covered}.`,
    });
  }

  let judgedBy = inForce;
  const named = input.rulePackId ?? null;
  if (named !== null) {
    const pack = registry.get(named);
    if (pack === undefined) {
      problems.push({ field: 'rulePackId', message: `There is no rule pack named "${named}".` });
    } else if (pack.state !== state) {
      problems.push({ field: 'rulePackId', message: `Rule pack ${named} is for ${pack.state} elections, not ${state}.` });
    } else if (inForce !== undefined && pack.id !== inForce.id) {
      problems.push({
        field: 'rulePackId',
        message: `Rule pack ${named} is not the law on ${longDate(electionDay)}: it applies ${period(pack)}. Use ${inForce.id}.`,
      });
    } else {
      judgedBy = pack;
    }
  }

  const zone = input.timeZone ?? null;
  if (zone !== null && judgedBy !== undefined) {
    if (!DateTime.fromISO('2000-01-01', { zone }).isValid) {
      problems.push({ field: 'timeZone', message: `"${zone}" is not a time zone name. Use ${judgedBy.timeZone}.` });
    } else if (zone !== judgedBy.timeZone) {
      problems.push({
        field: 'timeZone',
        message: `${state} elections under ${judgedBy.id} are judged in ${judgedBy.timeZone}, not ${zone}.`,
      });
    }
  }
  return problems;
}
