/**
 * Every word a console form says about a field, in one place (issue 14 item 1). A validator's own
 * text ("issuedReason must be one of the following values: ...") never reaches a page: a DTO
 * failure is looked up here by field and constraint, and a service's refusal ("is in the future")
 * is put after the field's name in words. Patterns: designsystem.digital.gov/components/validation
 * and the GOV.UK error-message guidance (say what happened and how to fix it, in the form's words).
 */

/** How a page names a field inside a sentence ("The date of birth is in the future"). */
export const FIELD_NAMES: Readonly<Record<string, string>> = {
  kind: 'The kind of ballot',
  receiptNumber: 'The receipt number',
  countyCode: 'The county code',
  precinctId: 'The precinct',
  firstName: 'The first name',
  lastName: 'The last name',
  dateOfBirth: 'The date of birth',
  address: 'The address',
  claimedVoterId: 'The voter ID',
  issuedReason: 'The reason the provisional ballot was issued',
  uocavaCategory: 'The UOCAVA category',
  fwab: 'The FWAB box',
  postmarkDate: 'The postmark date',
  signedDate: 'The date the voter signed',
  receivedAt: 'The time the ballot was received',
  castAt: 'The time the ballot was cast',
  idShown: 'The ID-shown box',
  outOfPrecinctAffidavit: 'The sworn-statement box',
  electionId: 'The election',
  signature: 'The signature',
  notes: 'The notes',
  contactEmail: 'The email address',
  contactPhone: 'The mobile phone number',
  language: 'The language of notices',
  type: 'The action',
  expectedVersion: 'The page',
  cureReason: 'The cure reason',
  evidence: 'What the voter provided',
  reason: 'The reason',
  submittedAt: 'When the voter provided it',
  note: 'The note',
  voterId: 'The voter ID',
  courtOrder: 'The court order',
  citation: 'The citation',
  summary: 'The summary',
  deadline: 'The deadline',
  extendedTo: 'The new deadline',
  countyCodes: 'The counties',
  closeOfBusiness: 'The close of business',
  source: 'The source',
  username: 'The username',
  displayName: 'The display name',
  password: 'The password',
  role: 'The role',
  attested: 'The attestation',
  attestedBy: 'Your full name',
  ids: 'The selected ballots',
  action: 'The bulk action',
  batch: 'The batch number',
};

/**
 * What to tell the clerk when a field fails its DTO: `missing` when nothing was entered, else the
 * message for the constraint that failed, else `invalid`.
 */
interface FieldWords {
  readonly missing: string;
  readonly invalid: string;
  readonly [constraint: string]: string;
}

const TOO_LONG = (what: string, most: string): string => `${what} can be at most ${most} characters long. Shorten it.`;
const TEXT = (what: string, most: string): FieldWords => ({ missing: `Enter ${what}.`, invalid: `Enter ${what} without special characters such as tabs or control characters.`, maxLength: TOO_LONG(`${what[0]?.toUpperCase() ?? ''}${what.slice(1)}`, most) });
const LOCAL_TIME = (what: string): FieldWords => ({ missing: `Enter ${what}: a date and a time.`, invalid: `Enter ${what} as a real date and a time of day, for example 11/03/2020 at 07:05 PM.` });

const WORDS: Readonly<Record<string, FieldWords>> = {
  kind: { missing: 'Choose the kind of ballot: provisional, or UOCAVA (military or overseas).', invalid: 'Choose the kind of ballot: provisional, or UOCAVA (military or overseas).' },
  receiptNumber: { missing: 'Enter the receipt number from the envelope.', invalid: 'Enter the receipt number as on the envelope: up to 32 letters, digits, dashes or underscores, no spaces.' },
  countyCode: { missing: 'Enter the county code, for example FULTON.', invalid: 'Enter the county code as the county list spells it, for example FULTON: letters, digits, dashes or underscores.' },
  precinctId: { missing: 'Enter the precinct where the provisional ballot was cast, for example FUL-01.', invalid: 'Enter the precinct as the precinct list spells it, for example FUL-01.' },
  firstName: TEXT('the first name as the voter wrote it', '100'),
  lastName: TEXT('the last name as the voter wrote it', '100'),
  dateOfBirth: { missing: 'Enter the date of birth: month, day and year.', invalid: 'Enter the date of birth as a real date: choose the month, and type the day and the four-digit year, for example 2 29 1980.' },
  address: TEXT('the address the voter gave', '300'),
  claimedVoterId: { missing: 'Enter the voter ID, or leave the field empty.', invalid: 'Enter the voter ID as the voter gave it: letters, digits, dashes or underscores, up to 32.' },
  issuedReason: { missing: 'Choose why the provisional ballot was issued.', invalid: 'Choose why the provisional ballot was issued from the list.' },
  uocavaCategory: { missing: 'Choose the UOCAVA category: military or overseas.', invalid: 'Choose the UOCAVA category from the list.' },
  fwab: { missing: 'Clear the FWAB box or tick it.', invalid: 'Clear the FWAB box: only a UOCAVA ballot can come back on the federal write-in ballot.', onlyForUocava: 'Clear the FWAB box: only a UOCAVA ballot can come back on the federal write-in ballot.' },
  postmarkDate: { missing: 'Enter the postmark date, or leave it empty.', invalid: 'Enter the postmark date as a real date, for example 11/02/2020.' },
  signedDate: { missing: 'Enter the date the voter signed, or leave it empty.', invalid: 'Enter the date the voter signed as a real date, for example 10/30/2020.' },
  receivedAt: LOCAL_TIME('when the ballot was received'),
  castAt: LOCAL_TIME('when the provisional ballot was cast'),
  idShown: { missing: 'Tick the box if the voter showed ID, or leave it clear.', invalid: 'Tick the box if the voter showed ID, or leave it clear.' },
  outOfPrecinctAffidavit: { missing: 'Tick the box if the voter signed the sworn statement, or leave it clear.', invalid: 'Tick the box if the voter signed the sworn statement, or leave it clear.' },
  electionId: { missing: 'The election is missing. Open the form again from the navigation.', invalid: 'The election is not one the console knows. Open the form again from the navigation.' },
  signature: { missing: 'Choose whether the signature is there.', invalid: 'Choose whether the signature is there from the list.' },
  notes: { missing: 'Enter a note, or leave it empty.', invalid: 'Remove special characters such as control characters from the notes.', maxLength: TOO_LONG('The notes', '2,000') },
  contactEmail: { missing: 'Enter an email address, or leave it empty.', invalid: 'Enter the email address in the right form, like name@example.com, or leave it empty.', maxLength: TOO_LONG('The email address', '254') },
  contactPhone: { missing: 'Enter a mobile phone number, or leave it empty.', invalid: 'Enter the mobile phone number with digits, spaces and dashes, for example 404 555 0100, or leave it empty.' },
  language: { missing: 'Choose the language of notices.', invalid: 'Choose the language of notices from the list.' },
  type: { missing: 'Choose what to do with the ballot.', invalid: 'That action is not one the console knows. Reload the page and choose again.' },
  expectedVersion: { missing: 'The page was out of date. Reload it and try again.', invalid: 'The page was out of date. Reload it and try again.' },
  cureReason: { missing: 'Choose what the voter must provide to cure the ballot.', invalid: 'Choose what the voter must provide from the list.' },
  evidence: { missing: 'Say what the voter provided to cure the ballot, for example "driver\'s licence shown at the office".', invalid: 'Say what the voter provided to cure the ballot.', maxLength: TOO_LONG('What the voter provided', '2,000') },
  reason: { missing: 'Choose the reason.', invalid: 'Choose the reason from the list.' },
  submittedAt: { missing: 'Enter when the voter provided the cure, or leave it empty for now.', invalid: 'Enter when the voter provided the cure as a real date and a time of day, or leave it empty for now.' },
  note: { missing: 'Write a note saying why.', invalid: 'Write a note saying why.', maxLength: TOO_LONG('The note', '2,000') },
  voterId: { missing: 'Enter the voter ID of the registration.', invalid: 'Enter the voter ID as the roll has it: letters, digits, dashes or underscores.' },
  courtOrder: { missing: 'Enter the court order this follows, for example its case number.', invalid: 'Enter the court order this follows, for example its case number.', maxLength: TOO_LONG('The court order', '500') },
  attested: { missing: 'Tick the attestation to certify.', invalid: 'Tick the attestation to certify.' },
  attestedBy: { missing: 'Type your full name to attest.', invalid: 'Type your full name to attest, as it will appear on the certificate.', maxLength: TOO_LONG('Your full name', '100') },
};

/** One failed field as a page shows it. */
export interface FieldMessage {
  readonly field: string;
  readonly message: string;
}

/** A fragment as a sentence: capital first letter, a full stop at the end. */
export const sentence = (text: string): string => {
  const trimmed = text.trim();
  const capital = `${trimmed[0]?.toUpperCase() ?? ''}${trimmed.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/** A field's name in words: from the table, or spelled out from the name (`postmarkDate` -> "The postmark date"). */
export function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? `The ${field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

/** The words for a field that failed the DTO: `present` says whether anything was entered. */
export function validationMessage(field: string, constraints: readonly string[], present: boolean): string {
  const words = WORDS[field];
  if (words === undefined) return present ? `${fieldName(field)} is not right. Check it.` : `Enter ${fieldName(field).replace(/^The /, 'the ')}.`;
  if (!present) return words.missing;
  for (const constraint of constraints) {
    const specific = words[constraint];
    if (specific !== undefined) return specific;
  }
  return words.invalid;
}

/** A service's refusal of a field (`is in the future`) as a sentence naming the field. */
export function refusalMessage(field: string, fragment: string): string {
  return /^(is|are|must|can|cannot|was|has|not)\b/.test(fragment) ? sentence(`${fieldName(field)} ${fragment}`) : sentence(fragment);
}

/** The fields a clerk-facing table covers: tests check that every DTO field has its words. */
export const FIELDS_WITH_WORDS: readonly string[] = Object.keys(WORDS);
