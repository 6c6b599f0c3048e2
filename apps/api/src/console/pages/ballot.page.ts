import type { BallotDetail } from '@app/ballots';
import { CURE_REASONS, REJECTION_REASONS } from '@app/domain';
import type { EventType } from '@app/lifecycle';
import { formatLocal } from '@app/rules';
import { html, type Html } from '../html';
import { EVENT_LABELS, label, STATE_LABELS, stateTag } from '../labels';
import { alert, csrfField, type PageContext } from '../layout';
import { selectField, textArea, textField, type FieldErrors, type FormValues } from './forms';

export interface EventFormState {
  readonly event: EventType;
  readonly errors: FieldErrors;
  readonly values: FormValues;
  readonly message: string;
}

const dt = (term: string, value: string | Html | null | undefined) => html`<dt class="text-bold">${term}</dt><dd class="margin-left-0 margin-bottom-1">${value ?? '—'}</dd>`;

function eventForm(ctx: PageContext, d: BallotDetail, event: EventType, failed: EventFormState | null, timeZone: string): Html {
  const mine = failed?.event === event ? failed : null;
  const errors = mine?.errors ?? {};
  const decision = d.decision;
  const defaults: Record<string, string> = {
    cureReason: decision.outcome === 'cure' ? decision.cures[0].reason : '',
    reason: decision.outcome === 'reject' ? decision.rejection : '',
  };
  const values: FormValues = { ...defaults, ...(mine?.values ?? {}) };
  const idPrefix = event.toLowerCase();
  const fields = (): Html => {
    switch (event) {
      case 'REQUEST_CURE':
        return selectField({ name: 'cureReason', label: 'What the voter must do', errors, values, idPrefix, required: true, blank: '- Select -', options: CURE_REASONS.map((r) => [r, label(r)] as const) });
      case 'RECORD_CURE':
        return html`${textArea({ name: 'evidence', label: 'What the voter provided', hint: 'For example: Georgia driver\'s licence shown at the registrar\'s office', errors, values, idPrefix, required: true })}
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
  };
  return html`<form method="post" action="/console/ballots/${d.ballot.id}/events" class="usa-form usa-form--large" aria-label="${EVENT_LABELS[event]}">
    ${csrfField(ctx)}
    <input type="hidden" name="type" value="${event}">
    <input type="hidden" name="expectedVersion" value="${d.ballot.version}">
    ${mine !== null ? alert('error', 'Not done:', mine.message) : ''}
    ${fields()}
    <button class="usa-button${event === 'PROPOSE_REJECTION' || event === 'CONFIRM_REJECTION' ? ' usa-button--secondary' : ''}" type="submit">${EVENT_LABELS[event]}</button>
  </form>`;
}

export interface BallotPageNames {
  readonly contests: ReadonlyMap<string, string>;
  readonly users: ReadonlyMap<string, string>;
}

export function ballotPage(ctx: PageContext, d: BallotDetail, timeZone: string, names: BallotPageNames, flash: string | null, failed: EventFormState | null, documents: Html = html``, research: Html = html``): Html {
  const b = d.ballot;
  const decision = d.decision;
  const local = (iso: string) => formatLocal(Date.parse(iso), timeZone);
  const evidence = d.history.filter((h) => h.event === 'RECORD_CURE').map((h) => (h.payload as { evidence?: string }).evidence ?? '');
  // Matching and unmatching live with the registration research, not among the decisions.
  const actions = d.availableEvents.filter((e) => e !== 'MATCH_VOTER' && e !== 'UNMATCH_VOTER');
  return html`
    <h1 class="margin-bottom-1">Ballot ${b.receiptNumber}</h1>
    <p class="margin-top-0"><span class="${stateTag(b.status)}">${STATE_LABELS[b.status]}</span> · ${b.kind === 'provisional' ? 'Provisional' : `UOCAVA (${label(b.uocavaCategory)})`} · ${b.countyCode}${b.precinctId !== null ? `, precinct ${b.precinctId}` : ''} · version ${b.version}</p>
    ${flash !== null ? alert('success', 'Done:', flash) : ''}
    ${d.countyCertified ? alert('info', 'Locked:', 'the county has certified; this ballot can no longer change.') : ''}
    <div class="grid-row grid-gap-lg">
      <div class="tablet:grid-col-7">
        <h2>Eligibility decision</h2>
        <p><strong>${decision.outcome === 'count' ? `Count: ${decision.determination === 'partial' ? 'partial' : 'full'}` : decision.outcome === 'cure' ? 'A cure is needed' : decision.outcome === 'reject' ? `Reject: ${label(decision.rejection)}` : 'Hold apart'}</strong></p>
        ${decision.outcome === 'cure' ? html`<ul>${decision.cures.map((c) => html`<li>${label(c.reason)}, by <strong>${c.deadlineDisplay}</strong> (${c.source})</li>`)}</ul>` : ''}
        ${decision.contests.length > 0 ? html`<h3>Contests to count (${decision.contests.length})</h3><ul class="usa-list">${decision.contests.map((c) => html`<li>${names.contests.get(c) ?? c}</li>`)}</ul>` : ''}
        <h3>Reasons</h3>
        <ul class="usa-list">${decision.reasons.map((r) => html`<li>${r.message}${r.source !== null ? html` <span class="text-base">(${r.source})</span>` : ''}</li>`)}</ul>

        <h2>The voter's affirmation</h2>
        <dl>
          ${dt('Name', `${b.firstName} ${b.lastName}`)}
          ${dt('Date of birth', b.dateOfBirth)}
          ${dt('Address', b.address)}
          ${dt('Voter id given', b.claimedVoterId)}
          ${b.kind === 'provisional' ? dt('Why a provisional ballot', label(b.issuedReason)) : dt('Postmark / signed', `${b.postmarkDate ?? 'no postmark'} / ${b.signedDate ?? 'not dated'}`)}
          ${dt('Received', formatLocal(b.receivedAt, timeZone))}
          ${b.castAt !== null ? dt('Cast', formatLocal(b.castAt, timeZone)) : ''}
          ${b.kind === 'provisional' ? dt('ID shown at the polls', b.idShown ? 'Yes' : 'No') : dt('Returned on the federal write-in ballot (FWAB)', b.fwab ? 'Yes' : 'No')}
          ${dt('Signature', label(b.signature))}
        </dl>

        ${research}

        ${evidence.length > 0 ? html`<h2>Cure evidence</h2><ul class="usa-list">${evidence.map((e) => html`<li>${e}</li>`)}</ul>` : ''}
        ${documents}
      </div>
      <div class="tablet:grid-col-5 console-actions">
        <h2>Actions</h2>
        ${actions.length === 0 ? html`<p>Nothing can be done to this ballot now${b.status === 'counted' || b.status === 'rejected' ? ': its adjudication is final' : ''}.</p>` : actions.map((e) => eventForm(ctx, d, e, failed, timeZone))}
        <h2>Deadlines</h2>
        <dl>
          ${dt('Cure', html`${d.deadlines.provisionalCure.display}<br><span class="text-base font-body-3xs">${d.deadlines.provisionalCure.source}${d.deadlines.provisionalCure.courtOrder !== null ? `; extended by ${d.deadlines.provisionalCure.courtOrder}` : ''}</span>`)}
          ${b.kind === 'uocava' ? dt('UOCAVA receipt', html`${d.deadlines.uocavaReceipt.display}<br><span class="text-base font-body-3xs">${d.deadlines.uocavaReceipt.source}</span>`) : ''}
          ${dt('County certification', html`${d.deadlines.countyCertification.display}<br><span class="text-base font-body-3xs">${d.deadlines.countyCertification.source}</span>`)}
        </dl>
      </div>
    </div>
    <h2>History</h2>
    <table class="usa-table usa-table--borderless usa-table--compact console-table">
      <caption class="usa-sr-only">Every recorded action on this ballot, oldest first</caption>
      <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Who</th><th scope="col">Details</th></tr></thead>
      <tbody>
        ${d.history.map((h) => {
          const { version: _v, machineVersion: _m, ...details } = h.payload as Record<string, unknown>;
          return html`<tr><td>${local(h.at)}</td><td>${h.event in EVENT_LABELS ? EVENT_LABELS[h.event as EventType] : label(h.event)}</td><td>${h.fromState ?? ''}</td><td>${h.toState ?? ''}</td><td>${names.users.get(h.actorId) ?? h.actorId} (${h.actorRole})</td><td class="font-body-3xs">${Object.entries(details).map(([k, v]) => html`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}<br>`)}</td></tr>`;
        })}
      </tbody>
    </table>`;
}
