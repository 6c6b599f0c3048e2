import type { BallotDetail } from '@app/ballots';
import { CURE_REASONS, REJECTION_REASONS } from '@app/domain';
import type { EventType } from '@app/lifecycle';
import { html, type Html } from '../html';
import { EVENT_LABELS, label } from '../labels';
import { csrfField, type PageContext } from '../layout';
import { errorSummary } from '../forms/fields';
import { selectField, textArea, textField, type FieldErrors, type FormValues } from './forms';

export interface EventFormState {
  readonly event: EventType;
  readonly errors: FieldErrors;
  readonly values: FormValues;
  readonly message: string;
}

/** Events that end a ballot's adjudication: each is confirmed in a second step that says what will happen (STYLE.md "Pages people use"). */
export const FINAL_EVENTS: readonly EventType[] = ['COUNT', 'CONFIRM_REJECTION'];

/** The order sections appear in: the way forward first, setting apart and rejecting after. */
const ORDER: readonly EventType[] = ['VERIFY', 'COUNT', 'RECORD_CURE', 'REQUEST_CURE', 'CONFIRM_REJECTION', 'RETURN', 'RELEASE', 'PROPOSE_REJECTION', 'HOLD', 'REINSTATE', 'DEADLINE_PASSED', 'MATCH_VOTER', 'UNMATCH_VOTER'];

/** One sentence per action: what it does, for a clerk who has no manual. */
export const WHAT_IT_DOES: { readonly [E in EventType]: string } = {
  VERIFY: 'Records that the voter is eligible under the reasons shown. The ballot then waits to be counted.',
  COUNT: 'Counts the ballot: in full, or only the contests listed for a partial count. This is final.',
  RECORD_CURE: 'Records what the voter provided to fix the problem, and when. Verify the ballot after it.',
  REQUEST_CURE: 'Asks the voter to fix a problem by the cure deadline. The voter is sent a notice.',
  CONFIRM_REJECTION: 'Rejects the ballot for the reason proposed. This is final; the voter is told why.',
  RETURN: 'Sends the proposal back to the clerk, in the state it came from, with your note.',
  RELEASE: 'Ends the hold under the court order cited, so the ballot can be decided.',
  PROPOSE_REJECTION: 'Proposes to reject the ballot. Someone other than you must confirm it before it takes effect.',
  HOLD: 'Sets the ballot apart under the court order cited (for example, cast in court-extended hours).',
  REINSTATE: 'Reopens a rejected ballot for a new decision, under the court order cited.',
  DEADLINE_PASSED: 'Records that the cure deadline passed without a cure. The ballot is rejected.',
  MATCH_VOTER: 'Matches a registration record to the ballot.',
  UNMATCH_VOTER: 'Removes the registration record matched to the ballot.',
};

function fields(event: EventType, errors: FieldErrors, values: FormValues, timeZone: string): Html {
  const idPrefix = event.toLowerCase();
  switch (event) {
    case 'REQUEST_CURE':
      return selectField({ name: 'cureReason', label: 'What the voter must do', errors, values, idPrefix, required: true, blank: '- Select -', options: CURE_REASONS.map((r) => [r, label(r)] as const) });
    case 'RECORD_CURE':
      return html`${textArea({ name: 'evidence', label: 'What the voter provided', hint: "For example: Georgia driver's licence shown at the registrar's office", errors, values, idPrefix, required: true })}
        ${textField({ name: 'submittedAt', label: 'When the voter provided it', type: 'datetime-local', hint: `Local time (${timeZone}). Leave empty for now. A cure the voter made before the deadline counts even when it is recorded after: give the time they made it.`, errors, values, idPrefix })}`;
    case 'PROPOSE_REJECTION':
      return html`${selectField({ name: 'reason', label: 'Reason (EAVS code)', errors, values, idPrefix, required: true, blank: '- Select -', options: REJECTION_REASONS.map((r) => [r, label(r)] as const) })}
        ${textArea({ name: 'note', label: 'Note for the reviewing supervisor', errors, values, idPrefix, required: true })}`;
    case 'RETURN':
      return textArea({ name: 'note', label: 'Why it goes back', errors, values, idPrefix, required: true });
    case 'HOLD':
    case 'RELEASE':
    case 'REINSTATE':
      return textField({ name: 'courtOrder', label: 'Court order (citation)', errors, values, idPrefix, required: true });
    case 'MATCH_VOTER':
    case 'UNMATCH_VOTER':
      return textArea({ name: 'note', label: 'Why', errors, values, idPrefix, required: true });
    case 'VERIFY':
    case 'COUNT':
    case 'CONFIRM_REJECTION':
    case 'DEADLINE_PASSED':
      return html``;
  }
}

/** The fields each action's form shows (`fields` below): an error on one of them links to it, any other to the action's heading. */
const SHOWN_FIELDS: Partial<Record<EventType, readonly string[]>> = {
  REQUEST_CURE: ['cureReason'],
  RECORD_CURE: ['evidence', 'submittedAt'],
  PROPOSE_REJECTION: ['reason', 'note'],
  RETURN: ['note'],
  HOLD: ['courtOrder'],
  RELEASE: ['courtOrder'],
  REINSTATE: ['courtOrder'],
};

/** A refused action's errors in the error summary the intake form has (forms/fields.ts): each listed and linked, focused on opening. */
function refusal(event: EventType, failed: EventFormState): Html {
  const shown = SHOWN_FIELDS[event] ?? [];
  const errors = Object.entries(failed.errors).map(([field, message]) => ({ field, message }));
  return errorSummary({ values: failed.values, errors, notice: { kind: 'error', text: failed.message } }, (field) => (shown.includes(field) ? `${event.toLowerCase()}-${field}` : `action-${event.toLowerCase()}`));
}

/** One action as a section: a heading, what it does, its fields; a final action's button leads to its confirmation page. */
function section(ctx: PageContext, d: BallotDetail, event: EventType, failed: EventFormState | null, timeZone: string): Html {
  const mine = failed?.event === event ? failed : null;
  const decision = d.decision;
  const defaults: Record<string, string> = {
    cureReason: decision.outcome === 'cure' ? decision.cures[0].reason : '',
    reason: decision.outcome === 'reject' ? decision.rejection : '',
  };
  const values: FormValues = { ...defaults, ...(mine?.values ?? {}) };
  const headingId = `action-${event.toLowerCase()}`;
  const final = FINAL_EVENTS.includes(event);
  const secondary = event === 'PROPOSE_REJECTION' || event === 'CONFIRM_REJECTION';
  return html`<section class="console-action" aria-labelledby="${headingId}">
    <h3 id="${headingId}" class="margin-bottom-05">${EVENT_LABELS[event]}</h3>
    <p class="margin-top-0">${WHAT_IT_DOES[event]}</p>
    ${final
      ? html`<form method="get" action="/console/ballots/${d.ballot.id}/confirm" aria-label="${EVENT_LABELS[event]}">
          <input type="hidden" name="type" value="${event}">
          <input type="hidden" name="expectedVersion" value="${d.ballot.version}">
          ${mine !== null ? refusal(event, mine) : ''}
          <button class="usa-button${secondary ? ' usa-button--secondary' : ''}" type="submit">${EVENT_LABELS[event]}…</button>
        </form>`
      : html`<form method="post" action="/console/ballots/${d.ballot.id}/events" class="usa-form usa-form--large" aria-label="${EVENT_LABELS[event]}">
          ${csrfField(ctx)}
          <input type="hidden" name="type" value="${event}">
          <input type="hidden" name="expectedVersion" value="${d.ballot.version}">
          ${mine !== null ? refusal(event, mine) : ''}
          ${fields(event, mine?.errors ?? {}, values, timeZone)}
          <button class="usa-button${secondary ? ' usa-button--secondary' : ''}" type="submit">${EVENT_LABELS[event]}</button>
        </form>`}
  </section>`;
}

/** The decisions the signed-in user may make now, one section each (matching lives with the registration research). */
export function actionSections(ctx: PageContext, d: BallotDetail, failed: EventFormState | null, timeZone: string): Html {
  const actions = ORDER.filter((e) => d.availableEvents.includes(e) && e !== 'MATCH_VOTER' && e !== 'UNMATCH_VOTER');
  if (actions.length === 0) {
    const final = d.ballot.status === 'counted' || d.ballot.status === 'rejected';
    return html`<p>Nothing can be done to this ballot now${final ? ': its adjudication is final' : d.countyCertified ? ': the county has certified' : ''}.</p>`;
  }
  return html`${actions.map((e) => section(ctx, d, e, failed, timeZone))}`;
}
