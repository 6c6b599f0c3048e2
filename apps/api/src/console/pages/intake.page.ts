import { ISSUED_REASONS, SIGNATURE_STATES, UOCAVA_CATEGORIES } from '@app/domain';
import type { ElectionEntity } from '@app/persistence';
import type { FormState } from '../forms/console-form';
import { anchorIn, errorSummary, errorsByField, memorableDate, zoneHint } from '../forms/fields';
import { html, type Html } from '../html';
import { label } from '../labels';
import { csrfField, type PageContext } from '../layout';
import { checkbox, selectField, textArea, textField } from './forms';

/** Taking a ballot in: what the envelope says, as written. Times are local to the county. */
export function intakePage(ctx: PageContext, election: ElectionEntity, state: FormState): Html {
  const errors = errorsByField(state.errors);
  const values = state.values;
  const noon = Date.parse(`${election.electionDay}T12:00:00Z`);
  return html`
    <h1>Take in a ballot</h1>
    <p>${election.name}. Enter what the envelope and the voter's affirmation say.</p>
    ${errorSummary(state, anchorIn('f', ['dateOfBirth']))}
    <form method="post" action="/console/intake" class="usa-form usa-form--large" aria-label="Take in a ballot" novalidate>
      ${csrfField(ctx)}
      <input type="hidden" name="electionId" value="${election.id}">
      ${selectField({ name: 'kind', label: 'Kind of ballot', errors, values, required: true, options: [['provisional', 'Provisional'], ['uocava', 'UOCAVA (military or overseas)']] })}
      ${textField({ name: 'receiptNumber', label: 'Receipt number', hint: 'From the envelope, for example P-000123.', errors, values, required: true })}
      ${textField({ name: 'countyCode', label: 'County code', hint: 'For example FULTON.', errors, values, required: true })}
      ${textField({ name: 'precinctId', label: 'Precinct where cast', hint: 'Provisional ballots only, for example FUL-01.', errors, values })}
      <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">The voter's affirmation</legend>
        ${textField({ name: 'firstName', label: 'First name', errors, values, required: true })}
        ${textField({ name: 'lastName', label: 'Last name', errors, values, required: true })}
        ${memorableDate({ name: 'dateOfBirth', legend: 'Date of birth', errors, values, required: true })}
        ${textField({ name: 'address', label: 'Address', errors, values, required: true })}
        ${textField({ name: 'claimedVoterId', label: 'Voter ID, if given', errors, values })}
      </fieldset>
      ${selectField({ name: 'issuedReason', label: 'Why a provisional ballot was issued', errors, values, blank: '- Provisional only -', options: ISSUED_REASONS.map((r) => [r, label(r)] as const) })}
      ${selectField({ name: 'uocavaCategory', label: 'UOCAVA category', errors, values, blank: '- UOCAVA only -', options: UOCAVA_CATEGORIES.map((r) => [r, label(r)] as const) })}
      ${checkbox({ name: 'fwab', label: 'Returned on the federal write-in ballot (FWAB)', hint: 'UOCAVA only. Tick it when the voter sent the federal write-in absentee ballot, the blank backup ballot, instead of the ballot the county sent. Leave it clear for every provisional ballot.', errors, values })}
      ${textField({ name: 'postmarkDate', label: 'Postmark date', hint: 'UOCAVA ballots, as on the envelope.', errors, values, type: 'date' })}
      ${textField({ name: 'signedDate', label: 'Date the voter signed', hint: 'UOCAVA ballots without a postmark.', errors, values, type: 'date' })}
      ${textField({ name: 'castAt', label: 'Cast at', hint: `Provisional ballots. ${zoneHint(election.timeZone, noon)}`, errors, values, type: 'datetime-local' })}
      ${textField({ name: 'receivedAt', label: 'Received at', hint: zoneHint(election.timeZone, noon), errors, values, type: 'datetime-local', required: true })}
      ${checkbox({ name: 'idShown', label: 'ID shown at the polls', errors, values })}
      ${checkbox({ name: 'outOfPrecinctAffidavit', label: 'Signed the out-of-precinct sworn statement', errors, values })}
      ${selectField({ name: 'signature', label: 'Signature', errors, values, options: SIGNATURE_STATES.map((s) => [s, label(s)] as const) })}
      <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">How the voter wants to hear about the ballot</legend>
        ${textField({ name: 'contactEmail', label: 'Email', hint: 'Optional: notices by email.', errors, values, type: 'email', autocomplete: 'off' })}
        ${textField({ name: 'contactPhone', label: 'Mobile phone', hint: 'Optional: notices by text message.', errors, values, type: 'tel', autocomplete: 'off' })}
        ${selectField({ name: 'language', label: 'Language of notices', errors, values, options: [['en', 'English'], ['es', 'Spanish (español)']] })}
      </fieldset>
      ${textArea({ name: 'notes', label: 'Notes', errors, values })}
      <button class="usa-button" type="submit">Take in</button>
    </form>`;
}
