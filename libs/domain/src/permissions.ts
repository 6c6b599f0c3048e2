import type { StaffActor } from './actor';
import { EVENT_TYPES, type ActorRole, type EventType } from './codes';
import { DomainError } from './errors';

/**
 * Who may do what: the one table every transport reads (the API's guard, the console, the CLI)
 * and the lifecycle's "who" column (SPEC section 3). An action is a lifecycle event, or one of
 * these. Where an actor may act (their county, or every county) is the other half: see
 * `countyScopeOf`.
 */
export const STAFF_ACTIONS = [
  /** The work queue, a ballot's page and history, the documents a voter uploaded. */
  'read_ballots',
  /** Take a ballot in, one or a file of them. */
  'intake',
  /** Search the election's roll from a ballot (matching is the events MATCH_VOTER / UNMATCH_VOTER). */
  'research_roll',
  /** Accept or decline a cure document a voter uploaded. */
  'decide_cure_document',
  /** Reports, the dashboard, and their CSV. */
  'read_reports',
  /** The mailed-letter list of voter notices. */
  'export_letters',
  /** Certify a county: its ballots can no longer change. */
  'certify_county',
  /** Reopen a certified county on a court order. */
  'reopen_county',
  /** Record a court order or a county's own close of business. */
  'record_deadline_change',
  /** Walk the audit chain. */
  'verify_audit',
  /** Create an election. */
  'create_election',
  /** Import or correct an election's jurisdiction. */
  'import_jurisdiction',
  /** Import a voter roll. */
  'import_roll',
  /** Staff accounts: create, change a role, unlock. */
  'manage_users',
  /** Send the voter notices that are due. */
  'dispatch_notices',
  /** Hold a county's outgoing voter notices (while a data load is checked), see what is held, release them. */
  'hold_notices',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** Everything an actor may be allowed to do. */
export type Action = StaffAction | EventType;
export const ACTIONS: readonly Action[] = [...STAFF_ACTIONS, ...EVENT_TYPES];

/** A clerk's own work on the ballots of their county. */
const CLERK: readonly Action[] = [
  'read_ballots',
  'intake',
  'research_roll',
  'decide_cure_document',
  'read_reports',
  'export_letters',
  'VERIFY',
  'REQUEST_CURE',
  'RECORD_CURE',
  'PROPOSE_REJECTION',
  'COUNT',
  'MATCH_VOTER',
  'UNMATCH_VOTER',
];

/** A supervisor reviews a clerk's proposals (a second person), applies court orders and certifies. */
const SUPERVISOR: readonly Action[] = [
  ...CLERK,
  'CONFIRM_REJECTION',
  'RETURN',
  'HOLD',
  'RELEASE',
  'REINSTATE',
  'certify_county',
  'record_deadline_change',
  'verify_audit',
  'hold_notices',
];

export const PERMISSIONS: { readonly [R in ActorRole]: readonly Action[] } = {
  clerk: CLERK,
  supervisor: SUPERVISOR,
  admin: [...SUPERVISOR, 'reopen_county', 'create_election', 'import_jurisdiction', 'import_roll', 'manage_users', 'dispatch_notices'],
  observer: ['read_ballots', 'read_reports', 'verify_audit'],
  // The service itself: imports, intake and the first accounts (the demo, `create-user`) run
  // without a named person, the intake's timeliness check proposes rejections (a supervisor still
  // confirms), the sweep applies missed deadlines.
  system: ['read_ballots', 'intake', 'read_reports', 'export_letters', 'create_election', 'import_jurisdiction', 'import_roll', 'manage_users', 'dispatch_notices', 'verify_audit', 'PROPOSE_REJECTION', 'DEADLINE_PASSED'],
};

/** Roles that act within one county; every other role reaches every county. */
export const COUNTY_ROLES: readonly ActorRole[] = ['clerk', 'supervisor'];

export function can(role: ActorRole, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

/** The roles that may do an action, in the table's order. */
export function rolesFor(action: Action): readonly ActorRole[] {
  return (Object.keys(PERMISSIONS) as ActorRole[]).filter((role) => can(role, action));
}

/** Refuses, as "forbidden", an action the actor's role may not do. */
export function requirePermission(actor: Pick<StaffActor, 'role'>, action: Action): void {
  if (!can(actor.role, action)) {
    throw new DomainError('forbidden', `this needs a role that may ${describeAction(action)}: ${rolesFor(action).filter((r) => r !== 'system').join(' or ')}`);
  }
}

/**
 * Where an actor may act: their county (clerks and supervisors), or every county (null). A county
 * role without a county reaches none: `undefined` is never a county code.
 */
export function countyScopeOf(actor: Pick<StaffActor, 'role' | 'countyCode'>): { readonly county: string | null } | { readonly county: undefined } {
  if (!COUNTY_ROLES.includes(actor.role)) return { county: null };
  return actor.countyCode === null ? { county: undefined } : { county: actor.countyCode };
}

/** Whether the actor reaches a county's ballots. */
export function reachesCounty(actor: Pick<StaffActor, 'role' | 'countyCode'>, countyCode: string): boolean {
  const scope = countyScopeOf(actor);
  return scope.county === null || scope.county === countyCode;
}

/** An action in words, for messages and the README. */
export function describeAction(action: Action): string {
  return action.toLowerCase().replace(/_/g, ' ');
}

/**
 * The table as Markdown, one row an action, one column a role: the README's "Who may do what"
 * is this text (a test checks it).
 */
export function permissionsTable(): string {
  const roles = Object.keys(PERMISSIONS) as ActorRole[];
  const lines = [`| action | ${roles.join(' | ')} |`, `| --- | ${roles.map(() => '---').join(' | ')} |`];
  for (const action of ACTIONS) lines.push(`| ${EVENT_TYPES.includes(action as EventType) ? `\`${action}\`` : describeAction(action)} | ${roles.map((r) => (can(r, action) ? 'yes' : '')).join(' | ')} |`);
  return lines.join('\n');
}
