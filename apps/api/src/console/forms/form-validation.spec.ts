import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { IntakeBallotDto } from '@app/ballots/intake.dto';
import { BallotEventDto } from '../../ballots/ballot.dto';
import { AttestationDto } from './attestation.dto';
import { FIELDS_WITH_WORDS, refusalMessage, validationMessage } from './clerk-messages';
import { joinMemorableDate } from './fields';
import { validateForm } from './form-validation';

// @nestjs/swagger is an ES module jest cannot load; its decorators only document, so they do nothing here.
jest.mock('@nestjs/swagger', () => ({ ApiProperty: () => () => undefined, ApiPropertyOptional: () => () => undefined }));

/** Fragments of class-validator's default messages: a clerk never reads them. */
const VALIDATOR_WORDS = /must be one of the following values|must be shorter than or equal|must be a date and time with its offset|should not be empty|must be a string|must be an integer|must be a date, YYYY-MM-DD/;

const propertiesOf = (dto: new () => object): string[] => [...new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName))];

describe('console form validation: the clerk-facing words', () => {
  it.each([
    ['IntakeBallotDto', IntakeBallotDto],
    ['BallotEventDto', BallotEventDto],
  ] as const)('every field of %s has words of its own', (_name, dto) => {
    const properties = propertiesOf(dto);
    expect(properties.length).toBeGreaterThan(5);
    expect(properties.filter((p) => !FIELDS_WITH_WORDS.includes(p))).toEqual([]);
  });

  it('the attestation: both fields in words at once, and the service\'s limit on the name', async () => {
    expect(propertiesOf(AttestationDto).filter((p) => !FIELDS_WITH_WORDS.includes(p))).toEqual([]);
    const empty = await validateForm(AttestationDto, { attested: '', attestedBy: '' });
    expect(empty.ok ? [] : empty.fields).toEqual([
      { field: 'attested', message: 'Tick the attestation to certify.' },
      { field: 'attestedBy', message: 'Type your full name to attest.' },
    ]);
    const long = await validateForm(AttestationDto, { attested: 'yes', attestedBy: 'x'.repeat(101) });
    expect(long.ok ? [] : long.fields).toEqual([{ field: 'attestedBy', message: 'Your full name can be at most 100 characters long. Shorten it.' }]);
    expect((await validateForm(AttestationDto, { attested: 'yes', attestedBy: 'Casey Cobb' })).ok).toBe(true);
  });

  it('an empty intake form: one message per field, each in words, none the validator\'s', async () => {
    const checked = await validateForm(IntakeBallotDto, { kind: 'provisional', electionId: 'ga-2020-general' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const fields = checked.fields.map((f) => f.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(checked.fields.find((f) => f.field === 'issuedReason')?.message).toBe('Choose why the provisional ballot was issued.');
    expect(checked.fields.find((f) => f.field === 'dateOfBirth')?.message).toBe('Enter the date of birth: month, day and year.');
    for (const f of checked.fields) expect(f.message).not.toMatch(VALIDATOR_WORDS);
  });

  it('a wrong value gets the constraint\'s words; an empty cure says what to write, not its length limit', async () => {
    const intake = await validateForm(IntakeBallotDto, { kind: 'provisional', issuedReason: 'bogus', dateOfBirth: '1980-02-30', notes: 'x'.repeat(2001) });
    if (intake.ok) throw new Error('accepted');
    expect(intake.fields.find((f) => f.field === 'issuedReason')?.message).toBe('Choose why the provisional ballot was issued from the list.');
    expect(intake.fields.find((f) => f.field === 'dateOfBirth')?.message).toMatch(/^Enter the date of birth as a real date/);
    expect(intake.fields.find((f) => f.field === 'notes')?.message).toBe('The notes can be at most 2,000 characters long. Shorten it.');
    const cure = await validateForm(BallotEventDto, { type: 'RECORD_CURE', expectedVersion: 2 });
    if (cure.ok) throw new Error('accepted');
    expect(cure.fields).toEqual([{ field: 'evidence', message: expect.stringMatching(/^Say what the voter provided to cure the ballot/) as string }]);
  });

  it('a field with no words of its own is still named in words, never in code', () => {
    expect(validationMessage('someNewField', ['isIn'], true)).toBe('The some new field is not right. Check it.');
    expect(validationMessage('someNewField', ['isIn'], false)).toBe('Enter the some new field.');
  });

  it('a service\'s refusal is a sentence naming the field', () => {
    expect(refusalMessage('dateOfBirth', 'is in the future')).toBe('The date of birth is in the future.');
    expect(refusalMessage('castAt', 'is after the ballot was received')).toBe('The time the ballot was cast is after the ballot was received.');
    expect(refusalMessage('lastName', 'give at least two letters of the last name, or a voter id')).toBe('Give at least two letters of the last name, or a voter id.');
  });
});

describe('the memorable date', () => {
  it('joins month, day and year into an ISO date, padding one-digit parts', () => {
    expect(joinMemorableDate({ 'd-month': '2', 'd-day': '9', 'd-year': '1980' }, 'd')).toBe('1980-02-09');
  });
  it('passes what is not a date on as typed, for the DTO to refuse at the field', () => {
    expect(joinMemorableDate({ 'd-month': '02', 'd-day': 'x', 'd-year': '80' }, 'd')).toBe('80-02-x');
  });
  it('is empty when nothing was entered, and reads a date posted whole', () => {
    expect(joinMemorableDate({}, 'd')).toBe('');
    expect(joinMemorableDate({ d: ' 1980-02-29 ' }, 'd')).toBe('1980-02-29');
  });
});
