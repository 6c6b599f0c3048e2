import type { AuditEntryEntity } from '@app/persistence';
import { isOneOf } from '@app/domain';
import { BALLOT_STATES, type EventType } from '@app/lifecycle';
import { formatLocal } from '@app/rules';
import { label, STATE_LABELS } from './labels';

/** What happened to a ballot, in the past tense, for its history (issue 14: no codes on the page). */
const HAPPENED: { readonly [E in EventType]: string } = {
  VERIFY: 'Eligibility verified',
  REQUEST_CURE: 'Cure requested from the voter',
  RECORD_CURE: 'Cure recorded',
  PROPOSE_REJECTION: 'Rejection proposed',
  CONFIRM_REJECTION: 'Rejection confirmed',
  RETURN: 'Returned to the clerk by a supervisor',
  COUNT: 'Counted',
  DEADLINE_PASSED: 'Cure deadline passed without a cure',
  HOLD: 'Held under a court order',
  RELEASE: 'Hold released',
  REINSTATE: 'Reinstated under a court order',
  MATCH_VOTER: 'Registration record matched',
  UNMATCH_VOTER: 'Registration record unmatched',
};

const OTHER_EVENTS: Readonly<Record<string, string>> = {
  INTAKE: 'Taken in',
  CURE_UPLOADED: 'The voter uploaded a document',
  CURE_DECLINED: "The voter's document was declined",
};

/** The payload fields a person reads, in words; anything else (versions, ids of records) stays in the audit trail. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  cureReason: 'What the voter must do',
  reason: 'Reason',
  note: 'Note',
  evidence: 'What the voter provided',
  submittedAt: 'When the voter provided it',
  courtOrder: 'Court order',
  voterId: 'Registration record',
  previousVoterId: 'Record it replaced',
  matchedVoterId: 'Registration record matched at intake',
  matchNote: 'How it was matched',
  determination: 'Counted',
};

const CODE_FIELDS = new Set(['cureReason', 'reason', 'determination']);
const TIME_FIELDS = new Set(['submittedAt']);

export interface HistoryRow {
  readonly seq: number;
  readonly when: string;
  readonly what: string;
  /** "Received: under research → Verified", or null when the state did not change. */
  readonly change: string | null;
  readonly who: string;
  readonly details: readonly { readonly term: string; readonly value: string }[];
  readonly hash: string;
}

export function eventWords(event: string): string {
  return OTHER_EVENTS[event] ?? (event in HAPPENED ? HAPPENED[event as EventType] : label(event));
}

const stateWords = (state: string | null): string | null => (state === null ? null : isOneOf(BALLOT_STATES, state) ? STATE_LABELS[state] : label(state));

/** A ballot's audit entries as a person reads them: events and states in words, times local, empty and internal fields left out. */
export function historyRows(entries: readonly AuditEntryEntity[], users: ReadonlyMap<string, string>, timeZone: string): HistoryRow[] {
  return entries.map((h) => {
    const payload = h.payload as Record<string, unknown>;
    const details: { term: string; value: string }[] = [];
    for (const [key, value] of Object.entries(payload)) {
      const term = FIELD_WORDS[key];
      if (term === undefined || value === null || value === undefined || value === '') continue;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      details.push({ term, value: CODE_FIELDS.has(key) ? (key === 'determination' ? (text === 'partial' ? 'in part' : 'in full') : label(text)) : TIME_FIELDS.has(key) ? formatLocal(Date.parse(text), timeZone) : text });
    }
    const from = stateWords(h.fromState);
    const to = stateWords(h.toState);
    const who = h.actorRole === 'system' ? 'The service' : h.actorRole === 'voter' ? 'The voter' : `${users.get(h.actorId) ?? h.actorId} (${h.actorRole})`;
    return { seq: h.seq, when: formatLocal(Date.parse(h.at), timeZone), what: eventWords(h.event), change: to === null || from === to ? null : from === null ? to : `${from} → ${to}`, who, details, hash: h.hash };
  });
}
