import { BallotView } from '../ballot-view';
import { DecisionPages } from '../decision-pages';
import { ConsolePages } from '../console-pages';
import { CertificationForm, NewUserForm, UsersView } from './admin.forms';
import { BallotEventForm } from './ballot-event.form';
import { BulkForm } from './bulk.form';
import { CertificationView, CertifyForm } from './certification.forms';
import { AcceptDocumentForm, DeclineDocumentForm } from './cure-document.forms';
import { CloseOfBusinessForm, CourtOrderForm, DeadlinesView } from './deadline.forms';
import { FormDrafts } from './form-drafts';
import { IntakeForm } from './intake.form';
import { LettersView, PrintLettersForm } from './letters.form';

/** The console's forms, and the pages its routes show (each route one call), for the app module. */
export const CONSOLE_FORM_PROVIDERS = [FormDrafts, ConsolePages, BallotView, DeadlinesView, UsersView, IntakeForm, BallotEventForm, AcceptDocumentForm, DeclineDocumentForm, CourtOrderForm, CloseOfBusinessForm, NewUserForm, CertificationForm,
  DecisionPages, CertificationView, CertifyForm, BulkForm, LettersView, PrintLettersForm];
