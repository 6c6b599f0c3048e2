import type { BallotDetail } from '@app/ballots';
import { formatLocal } from '@app/rules';
import { html, type Html } from '../html';
import { label } from '../labels';

interface Row {
  readonly term: string;
  readonly affirmation: string;
  /** What the registration says; undefined when the registration has no such field. */
  readonly registration?: string;
}

/** Names compared as a person would: case, accents and spacing do not make a difference. */
const same = (a: string, b: string): boolean => a.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase() === b.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The voter's affirmation beside the registration record matched to it (issue 14, item 2): each
 * line the two share is compared, and a difference is marked in words, not by colour alone.
 */
export function affirmationSection(d: BallotDetail, timeZone: string): Html {
  const b = d.ballot;
  const v = d.voter;
  const rows: Row[] = [
    { term: 'First name', affirmation: b.firstName, registration: v?.firstName },
    { term: 'Last name', affirmation: b.lastName, registration: v?.lastName },
    { term: 'Date of birth', affirmation: b.dateOfBirth, registration: v?.dateOfBirth },
    { term: 'Voter ID', affirmation: b.claimedVoterId ?? 'not given', registration: v?.voterId },
    { term: 'County', affirmation: b.countyCode, registration: v?.countyCode },
    { term: 'Precinct', affirmation: b.precinctId ?? 'not given', registration: v?.precinctId },
    { term: 'Address', affirmation: b.address },
    b.kind === 'provisional' ? { term: 'Why a provisional ballot', affirmation: label(b.issuedReason) } : { term: 'Postmark / signed', affirmation: `${b.postmarkDate ?? 'no postmark'} / ${b.signedDate ?? 'not dated'}` },
    { term: 'Received', affirmation: formatLocal(b.receivedAt, timeZone) },
    ...(b.castAt !== null ? [{ term: 'Cast', affirmation: formatLocal(b.castAt, timeZone) }] : []),
    b.kind === 'provisional' ? { term: 'ID shown at the polls', affirmation: b.idShown ? 'Yes' : 'No', registration: v === null ? undefined : v.idOnFile ? 'ID on file' : 'No ID on file' } : { term: 'Returned on the federal write-in ballot (FWAB)', affirmation: b.fwab ? 'Yes' : 'No' },
    { term: 'Signature', affirmation: label(b.signature) },
  ];
  const compared = (r: Row): boolean => r.registration !== undefined && r.term !== 'ID shown at the polls';
  const differs = (r: Row): boolean => compared(r) && r.affirmation !== 'not given' && !same(r.affirmation, r.registration ?? '');
  const differences = rows.filter(differs).length;
  return html`<section aria-labelledby="affirmation-heading">
    <h2 id="affirmation-heading">The affirmation and the registration</h2>
    <p>${v === null ? 'No registration record is matched yet: the affirmation is shown alone.' : differences === 0 ? `Matched to registration ${v.voterId}: the affirmation agrees with it on every line compared.` : `Matched to registration ${v.voterId}: ${differences} line${differences === 1 ? '' : 's'} differ, marked below.`}</p>
    <div class="console-scroll" tabindex="0" role="region" aria-label="The affirmation and the registration, scrolls sideways on a small screen"><table class="usa-table usa-table--borderless usa-table--compact console-table console-compare">
      <caption class="usa-sr-only">What the voter affirmed, beside the registration record matched to the ballot</caption>
      <thead><tr><th scope="col">Line</th><th scope="col">The voter's affirmation</th><th scope="col">The registration record</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr${differs(r) ? html` class="console-differs"` : ''}>
        <th scope="row">${r.term}</th>
        <td>${r.affirmation}</td>
        <td>${r.registration ?? (v === null ? '' : '—')}${differs(r) ? html` <span class="usa-tag bg-accent-warm-dark">differs</span>` : ''}</td>
      </tr>`)}</tbody>
    </table></div>
  </section>`;
}
