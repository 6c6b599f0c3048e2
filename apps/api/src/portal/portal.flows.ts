import { Inject, Injectable, Logger, StreamableFile } from '@nestjs/common';
import { CLOCK, DomainError, type Clock, type VoterLanguage } from '@app/domain';
import { affidavitPdf, ContactUpdates, CureUploads, PortalLimits, PortalLookup, UploadTokens, type ContactProblem, type PortalView, type UploadGrant } from '@app/portal';
import { localDeadline, wordsFor, type UploadProblemWord } from '@app/wording';
import type { Response } from 'express';
import { checkLookup, checkUpload, EMPTY_LOOKUP, lookupFormOf, uploadError, type FieldError, type LookupForm, type Visit } from './portal.forms';
import { expiredPage, lookupPage } from './portal.pages';
import { resultPage, type ResultState } from './portal-result.page';

/** The one answer to every failed lookup, whatever failed (SPEC section 5). */
export const PORTAL_NOT_FOUND = { status: 404, code: 'not_found', message: 'No ballot matches that receipt number and date of birth.', fields: [] } as const;

/** A short reference a voter can read out on the phone: the first 8 hex digits of the document's id, "3F9A-1C2B". */
export const referenceOf = (submissionId: string): string => submissionId.replace(/-/g, '').slice(0, 8).toUpperCase().replace(/^(.{4})/, '$1-');

const UPDATE_FIELD: Readonly<Record<ContactProblem, string>> = { channel: 'channel-email', email: 'contact-address', phone: 'contact-address', code: 'code', code_expired: 'code', code_used_up: 'code' };

/** What a flow adds to the page it shows; the rest is read fresh (the view, where updates go) or defaults. */
interface Extra {
  readonly showUploadForm?: boolean;
  readonly uploadRefused?: string;
  readonly errors?: readonly FieldError[];
  readonly received?: { readonly reference: string; readonly at: number };
  readonly updates?: Partial<ResultState['updates']>;
}

/**
 * What each portal page does, one method per route: the form layer's checked values to the
 * portal's services, and their answer to a page with its status. Nothing here logs a receipt
 * number, a date of birth or an address.
 */
@Injectable()
export class PortalFlows {
  private readonly logger = new Logger('Portal');

  constructor(
    private readonly lookups: PortalLookup,
    private readonly limits: PortalLimits,
    private readonly tokens: UploadTokens,
    private readonly uploads: CureUploads,
    private readonly contacts: ContactUpdates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  form(visit: Visit): string {
    return lookupPage(visit.language, EMPTY_LOOKUP, null).value;
  }

  async lookup(visit: Visit, response: Response): Promise<string> {
    const form = lookupFormOf(visit);
    const checked = checkLookup(form, visit.language);
    if (!checked.ok) return this.status(response, 400, lookupPage(visit.language, form, { kind: 'fields', errors: checked.errors }).value);
    const outcome = await this.find(visit.client, checked.value.receiptNumber, checked.value.dateOfBirth, visit.language);
    if (outcome.kind === 'limited') return this.tooMany(response, visit.language, outcome.retryAfterSeconds, form);
    if (outcome.kind === 'not_found') return lookupPage(visit.language, { ...form, month: '', day: '', year: '' }, { kind: 'not_found' }).value;
    return this.page(visit.language, outcome.ballotId, outcome.view, {});
  }

  /** The same view again from the page's token: the language switch, and "send another document" (`show=upload`). */
  async view(visit: Visit): Promise<string> {
    const grant = this.tokens.verify(visit.token, this.clock.now());
    if (grant === null) return expiredPage(visit.language).value;
    return this.render(visit.language, grant.ballotId, { showUploadForm: visit.field('show') === 'upload' });
  }

  /** An upload: every field's error at once; after it, the confirmation with its reference number and no form. */
  async cure(visit: Visit, file: { buffer: Buffer } | undefined, parseError: 'too_large' | 'not_a_document' | null, response: Response): Promise<string> {
    return this.granted(visit, response, async (grant) => {
      const checked = checkUpload(visit, file, parseError);
      if (!checked.ok) return this.status(response, parseError === 'too_large' ? 413 : 400, await this.render(visit.language, grant.ballotId, { showUploadForm: true, errors: checked.errors }));
      const problem = await this.submit(grant, checked.value.kind, checked.value.bytes);
      if (typeof problem === 'string') {
        const status = problem === 'too_large' ? 413 : problem === 'closed' || problem === 'spent' || problem === 'too_many' ? 409 : problem === 'unavailable' ? 503 : 400;
        const error = uploadError(visit.language, problem);
        const extra: Extra = error.field === '' ? { showUploadForm: true, uploadRefused: error.text } : { showUploadForm: true, errors: [error] };
        return this.status(response, status, await this.render(visit.language, grant.ballotId, extra));
      }
      return this.render(visit.language, grant.ballotId, { received: problem });
    });
  }

  /** A new email or phone for updates: checked, then a code is sent to it; nothing else changes yet. */
  async requestUpdates(visit: Visit, response: Response): Promise<string> {
    return this.granted(visit, response, async (grant) => {
      const channel = visit.field('channel');
      const address = visit.field('address');
      const result = await this.contacts.request(grant.ballotId, channel, address, visit.language);
      if (result.ok) return this.render(visit.language, grant.ballotId, { updates: { focusCode: true } });
      if (result.problem === 'gone') return expiredPage(visit.language).value;
      return this.status(response, 400, await this.render(visit.language, grant.ballotId, { errors: [this.updateError(visit.language, result.problem)], updates: { channel, address } }));
    });
  }

  async confirmUpdates(visit: Visit, response: Response): Promise<string> {
    return this.granted(visit, response, async (grant) => {
      const result = await this.contacts.confirm(grant.ballotId, visit.field('change'), visit.field('code'));
      if (result.ok) return this.render(visit.language, grant.ballotId, { updates: { done: wordsFor(visit.language).updates.confirmed(result.masked) } });
      if (result.problem === 'gone') return expiredPage(visit.language).value;
      return this.status(response, 400, await this.render(visit.language, grant.ballotId, { errors: [this.updateError(visit.language, result.problem)] }));
    });
  }

  async removeUpdates(visit: Visit, response: Response): Promise<string> {
    return this.granted(visit, response, async (grant) => {
      const result = await this.contacts.remove(grant.ballotId, visit.field('channel'));
      if (!result.ok) return result.problem === 'gone' ? expiredPage(visit.language).value : this.status(response, 400, await this.render(visit.language, grant.ballotId, { errors: [this.updateError(visit.language, result.problem)] }));
      const w = wordsFor(visit.language).updates;
      return this.render(visit.language, grant.ballotId, { updates: { done: w.removed((result.channel === 'email' ? w.emailLabel : w.phoneLabel).toLowerCase()) } });
    });
  }

  /** The cure affidavit as a PDF, only to the holder of a lookup's token, only while the cure asks for it. */
  async affidavit(visit: Visit, response: Response): Promise<StreamableFile | string> {
    const grant = this.tokens.verify(visit.token, this.clock.now());
    if (grant === null) return expiredPage(visit.language).value;
    const admitted = await this.limits.admit(visit.client, null);
    if (!admitted.ok) return this.tooMany(response, visit.language, admitted.retryAfterSeconds, EMPTY_LOOKUP);
    const view = await this.lookups.viewById(grant.ballotId, visit.language);
    if (view === null) return expiredPage(visit.language).value;
    if (view.action === null || !view.action.affidavit) return this.status(response, 404, await this.render(visit.language, grant.ballotId, {}));
    const pdf = await affidavitPdf(view, visit.language);
    return new StreamableFile(Buffer.from(pdf), { type: 'application/pdf', disposition: `attachment; filename="${wordsFor(visit.language).affidavit.fileName}"`, length: pdf.length });
  }

  /** The JSON lookup: the view, the one 404 for every failure, or 429. */
  async lookupJson(visit: Visit, receiptNumber: string, dateOfBirth: string, response: Response): Promise<PortalView | typeof PORTAL_NOT_FOUND | { status: 429; code: 'too_many_requests'; message: string; fields: [] }> {
    const outcome = await this.find(visit.client, receiptNumber, dateOfBirth, visit.language);
    if (outcome.kind === 'limited') {
      response.status(429).setHeader('Retry-After', String(outcome.retryAfterSeconds));
      return { status: 429, code: 'too_many_requests', message: 'Too many lookups. Try again later.', fields: [] };
    }
    if (outcome.kind === 'not_found') {
      response.status(404);
      return PORTAL_NOT_FOUND;
    }
    return outcome.view;
  }

  private async find(client: string, receiptNumber: string, dateOfBirth: string, language: VoterLanguage) {
    const admitted = await this.limits.admit(client, receiptNumber);
    if (!admitted.ok) return { kind: 'limited' as const, retryAfterSeconds: admitted.retryAfterSeconds };
    const found = await this.lookups.lookup(receiptNumber, dateOfBirth, language);
    if (found === null) {
      await this.limits.failed(client, receiptNumber);
      return { kind: 'not_found' as const };
    }
    return { kind: 'found' as const, ...found };
  }

  /** A token's page: expired without a valid token; the portal's per-client limit counts every such post. */
  private async granted(visit: Visit, response: Response, work: (grant: UploadGrant) => Promise<string>): Promise<string> {
    const grant = this.tokens.verify(visit.token, this.clock.now());
    if (grant === null) return expiredPage(visit.language).value;
    const admitted = await this.limits.admit(visit.client, null);
    if (!admitted.ok) return this.tooMany(response, visit.language, admitted.retryAfterSeconds, EMPTY_LOOKUP);
    return work(grant);
  }

  /** The upload recorded (its reference and time) or why not. */
  private async submit(grant: UploadGrant, kind: Parameters<CureUploads['submit']>[1], bytes: Buffer): Promise<{ reference: string; at: number } | UploadProblemWord> {
    try {
      const result = await this.uploads.submit(grant, kind, bytes);
      return result.ok ? { reference: referenceOf(result.submission.id), at: result.submission.submittedAt } : result.problem;
    } catch (error) {
      // A full or failing disk: nothing was kept; the voter is asked to try later, the log says why.
      if (!(error instanceof DomainError) || error.code !== 'storage_unavailable') throw error;
      this.logger.error({ msg: 'cure upload not saved', cause: error.cause instanceof Error ? error.cause.message : String(error.cause) });
      return 'unavailable';
    }
  }

  private async render(language: VoterLanguage, ballotId: string, extra: Extra): Promise<string> {
    const view = await this.lookups.viewById(ballotId, language);
    return view === null ? expiredPage(language).value : this.page(language, ballotId, view, extra);
  }

  private async page(language: VoterLanguage, ballotId: string, view: PortalView, extra: Extra): Promise<string> {
    const summary = (await this.contacts.summary(ballotId)) ?? { email: null, phone: null, pending: null };
    const received = extra.received === undefined ? null : { reference: extra.received.reference, at: localDeadline(extra.received.at, view.timeZone, language) };
    const state: ResultState = {
      token: this.tokens.issue(ballotId, this.clock.now()),
      showUploadForm: extra.showUploadForm ?? (view.status === 'action_needed' && received === null),
      received,
      uploadRefused: extra.uploadRefused ?? null,
      errors: extra.errors ?? [],
      updates: { summary, done: null, channel: '', address: '', focusCode: false, ...extra.updates },
    };
    return resultPage(language, view, state).value;
  }

  private updateError(language: VoterLanguage, problem: ContactProblem): FieldError {
    return { field: UPDATE_FIELD[problem], text: wordsFor(language).updates.problem[problem] };
  }

  private tooMany(response: Response, language: VoterLanguage, retryAfterSeconds: number, form: LookupForm): string {
    response.status(429).setHeader('Retry-After', String(retryAfterSeconds));
    return lookupPage(language, form, { kind: 'too_many', minutes: Math.ceil(retryAfterSeconds / 60) }).value;
  }

  private status(response: Response, status: number, page: string): string {
    response.status(status);
    return page;
  }
}
