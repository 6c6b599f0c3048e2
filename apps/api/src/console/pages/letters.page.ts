import type { LetterExport } from '@app/notices';
import type { ElectionEntity } from '@app/persistence';
import { formatLocal } from '@app/rules';
import { html, type Html } from '../html';
import { csrfField, type PageContext } from '../layout';
import { label } from '../labels';
import type { FormState } from '../forms/console-form';
import { anchorIn, errorSummary, errorsByField } from '../forms/fields';

/** The letters page: print what is waiting, or a batch printed before. Printing takes the mailing addresses, so it is a recorded action (a POST). */
export function lettersPage(ctx: PageContext, election: ElectionEntity, state: FormState | null): Html {
  const batchError = errorsByField(state?.errors ?? [])['batch'];
  return html`
    <h1>Cure notice letters</h1>
    ${state !== null ? errorSummary(state, anchorIn('f')) : ''}
    <p>${election.name}. Voters who gave neither an email address nor a phone are told by mail. Each letter has the same text as the mailed-letter list (<code>export letters</code>), in the voter's language.</p>
    <form method="post" action="/console/letters" aria-label="Print the letters waiting">
      ${csrfField(ctx)}<input type="hidden" name="election" value="${election.id}">
      <p>Printing records a numbered batch in the audit trail (who took the addresses, and when); the letters of a batch are not listed again.</p>
      <button class="usa-button" type="submit">Print the letters waiting</button>
    </form>
    <form method="post" action="/console/letters" class="usa-form margin-top-4" aria-label="Print a batch again">
      ${csrfField(ctx)}<input type="hidden" name="election" value="${election.id}">
      <div class="usa-form-group${batchError !== undefined ? ' usa-form-group--error' : ''}">
      <label class="usa-label${batchError !== undefined ? ' usa-label--error' : ''}" for="f-batch">Batch number</label>
      ${batchError !== undefined ? html`<span class="usa-error-message" id="f-batch-error" role="alert">${batchError}</span>` : ''}
      <input class="usa-input${batchError !== undefined ? ' usa-input--error' : ''}" id="f-batch" name="batch" inputmode="numeric" pattern="[0-9]*" required value="${state?.values['batch'] ?? ''}"${batchError !== undefined ? html` aria-invalid="true" aria-describedby="f-batch-error"` : ''}>
      </div>
      <button class="usa-button usa-button--outline" type="submit">Print this batch again</button>
    </form>`;
}

/** The letters themselves, one to a printed page, with the batch and the audit chain's head on the first. */
export function printedLettersPage(election: ElectionEntity, result: LetterExport, now: number): Html {
  const head = result.auditHead ?? null;
  return html`
    <div class="console-no-print">
      <h1>${result.rows.length === 0 ? 'No letter is waiting' : `${result.rows.length} letter${result.rows.length === 1 ? '' : 's'} to print`}</h1>
      <p>${result.batch !== null ? `Batch ${result.batch}. ` : ''}Print with your browser's Print command (Ctrl+P or ⌘P): each letter starts a new page; this note is left off the paper.${head !== null ? ` Audit chain head: ${head.seq}:${head.hash}.` : ''}</p>
      <p><a class="usa-link" href="/console/letters?election=${election.id}">Back to letters</a></p>
    </div>
    ${result.rows.map((r) => html`<article class="console-letter" aria-label="Letter to ${r.voterName}">
      <p class="font-body-3xs">${election.name} · ballot ${r.receiptNumber} · ${label(r.noticeType)} · printed ${formatLocal(now, election.timeZone)}</p>
      <address class="margin-y-4">${r.voterName}
${r.mailingAddress}</address>
      <h2 class="font-heading-md">${r.subject}</h2>
      <div class="console-letter-text">${r.letterText}</div>
    </article>`)}`;
}
