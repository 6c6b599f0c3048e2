import type { AuditEvent, VoterLanguage } from '@app/domain';
import { localDay, wordsFor, type TimelineStep } from '@app/wording';

/**
 * Which audit events the voter's timeline shows, as which step. Only what a voter can act on or
 * rely on: staff's internal steps (a proposed rejection, a supervisor's return, matching the roll)
 * and staff actions on other things are left out; a reversal shows as "reviewed again".
 */
const STEP_OF: Readonly<Partial<Record<AuditEvent, TimelineStep>>> = {
  INTAKE: 'received',
  VERIFY: 'checked',
  REQUEST_CURE: 'cure_requested',
  CURE_UPLOADED: 'document_sent',
  CURE_DECLINED: 'document_declined',
  RECORD_CURE: 'cure_made',
  DEADLINE_PASSED: 'deadline_passed',
  HOLD: 'held',
  RELEASE: 'released',
  COUNT: 'counted',
  CONFIRM_REJECTION: 'not_counted',
  REINSTATE: 'reviewed_again',
};

export interface TimelineEntry {
  readonly step: TimelineStep;
  readonly text: string;
  /** ISO 8601 instant. */
  readonly at: string;
  /** The day in the election's time zone, in the voter's language. */
  readonly day: string;
}

/** The ballot's steps with their dates, oldest first, from its audit entries' events and times. */
export function timelineOf(history: readonly { readonly event: string; readonly at: string }[], timeZone: string, language: VoterLanguage): TimelineEntry[] {
  const words = wordsFor(language).more.timeline;
  return history.flatMap(({ event, at }) => {
    const step = STEP_OF[event as AuditEvent];
    return step === undefined ? [] : [{ step, text: words[step], at, day: localDay(Date.parse(at), timeZone, language) }];
  });
}
