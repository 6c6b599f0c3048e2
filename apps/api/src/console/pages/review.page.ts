import type { BallotEntity, ElectionEntity } from '@app/persistence';
import { html, type Html } from '../html';
import { label } from '../labels';
import { csrfField, type PageContext } from '../layout';

/** The supervisor's review queue: every proposed rejection, its reason and who proposed it. */
export function reviewPage(ctx: PageContext, election: ElectionEntity, items: readonly BallotEntity[], names: ReadonlyMap<string, string>): Html {
  return html`
    <h1>Review proposed rejections</h1>
    <p>${election.name}. A rejection takes effect only when someone other than who proposed it confirms it.</p>
    ${items.length === 0 ? html`<p>No rejection is waiting for review.</p>` : ''}
    ${items.map((b) => {
      const p = b.lifecycle.proposal;
      const mine = p?.by === ctx.actor?.id;
      return html`<section class="usa-card margin-bottom-2" aria-labelledby="r-${b.id}"><div class="usa-card__container"><div class="usa-card__body">
        <h2 class="font-heading-md" id="r-${b.id}"><a class="usa-link" href="/console/ballots/${b.id}">Ballot ${b.receiptNumber}</a>: ${label(p?.reason)}</h2>
        <p>${b.lastName}, ${b.firstName} · ${b.countyCode}${b.precinctId !== null ? `, ${b.precinctId}` : ''} · proposed by <strong>${names.get(p?.by ?? '') ?? p?.by ?? ''}</strong></p>
        <p>${p?.note ?? ''}</p>
        ${mine
          ? html`<p class="text-italic">You proposed this rejection, so someone else must review it.</p>`
          : html`<div class="display-flex flex-wrap">
            <form method="get" action="/console/ballots/${b.id}/confirm" class="margin-right-2">
              <input type="hidden" name="type" value="CONFIRM_REJECTION"><input type="hidden" name="expectedVersion" value="${b.version}"><input type="hidden" name="back" value="review">
              <button class="usa-button usa-button--secondary" type="submit">Confirm rejection of ${b.receiptNumber}…</button>
            </form>
            <form method="post" action="/console/ballots/${b.id}/events" class="usa-form">
              ${csrfField(ctx)}<input type="hidden" name="type" value="RETURN"><input type="hidden" name="expectedVersion" value="${b.version}"><input type="hidden" name="back" value="review">
              <label class="usa-label margin-top-0" for="note-${b.id}">Note for the clerk</label>
              <input class="usa-input" id="note-${b.id}" name="note" required>
              <button class="usa-button usa-button--outline" type="submit">Return ${b.receiptNumber}</button>
            </form>
          </div>`}
      </div></div></section>`;
    })}`;
}
