import type { CureDeclineReason, CureReason, RejectionReason, VoterLanguage } from '@app/domain';

/**
 * What voters read, in English and Spanish: the portal and the notices say the same thing in the
 * same words. Plain language (plainlanguage.gov): short sentences, "you", the action first. The
 * Spanish follows the U.S. Election Assistance Commission's English-Spanish glossary of election
 * terms (e.g. "boleta provisional", "boleta de ausente militar o en el extranjero").
 */

type Words = Readonly<Record<VoterLanguage, string>>;

/** What the voter must do for each cure the office asked for. */
export const CURE_ACTION: Readonly<Record<CureReason, Words>> = {
  id_required: {
    en: 'Show an acceptable photo ID: for example a driver\u2019s license, a state ID card, a U.S. passport, or a military or tribal ID.',
    es: 'Muestre una identificaci\u00f3n con foto aceptable: por ejemplo, una licencia de conducir, una tarjeta de identificaci\u00f3n estatal, un pasaporte de EE. UU. o una identificaci\u00f3n militar o tribal.',
  },
  registration_unresolved: {
    en: 'Give the election office what it needs to confirm your registration, for example a document that shows your name and current address.',
    es: 'Entregue a la oficina electoral lo que necesita para confirmar su inscripci\u00f3n, por ejemplo, un documento con su nombre y su direcci\u00f3n actual.',
  },
  signature_missing: {
    en: 'Sign a cure affidavit: a short signed statement that the ballot is yours.',
    es: 'Firme una declaraci\u00f3n jurada de subsanaci\u00f3n: una breve declaraci\u00f3n firmada de que la boleta es suya.',
  },
  signature_mismatch: {
    en: 'Sign a cure affidavit that the ballot is yours, and show a photo ID.',
    es: 'Firme una declaraci\u00f3n jurada de subsanaci\u00f3n de que la boleta es suya y muestre una identificaci\u00f3n con foto.',
  },
  information_missing: {
    en: 'Give the election office the information missing from your ballot envelope.',
    es: 'Entregue a la oficina electoral la informaci\u00f3n que falta en el sobre de su boleta.',
  },
};

/** Why a ballot was not counted, in words a voter understands. */
export const REJECTION_EXPLAINED: Readonly<Record<RejectionReason, Words>> = {
  not_registered: {
    en: 'We could not find a voter registration for you that was in effect for this election.',
    es: 'No encontramos una inscripci\u00f3n de votante a su nombre que estuviera vigente para esta elecci\u00f3n.',
  },
  wrong_jurisdiction: {
    en: 'You are registered in a different county or state, so this county could not count your ballot.',
    es: 'Usted est\u00e1 inscrito en otro condado o estado, por lo que este condado no pudo contar su boleta.',
  },
  wrong_precinct: {
    en: 'You voted outside your own precinct, and the law of this state does not allow that ballot to be counted.',
    es: 'Usted vot\u00f3 fuera de su propio precinto, y la ley de este estado no permite contar esa boleta.',
  },
  no_id: {
    en: 'The ID that the law requires was not shown before the deadline.',
    es: 'No se mostr\u00f3 antes de la fecha l\u00edmite la identificaci\u00f3n que exige la ley.',
  },
  incomplete: {
    en: 'Information the law requires was missing from your ballot envelope and was not given before the deadline.',
    es: 'Faltaba en el sobre de su boleta informaci\u00f3n que exige la ley, y no se entreg\u00f3 antes de la fecha l\u00edmite.',
  },
  ballot_missing: {
    en: 'The envelope we received did not contain a ballot.',
    es: 'El sobre que recibimos no conten\u00eda una boleta.',
  },
  no_signature: {
    en: 'The ballot envelope was not signed, and it was not fixed before the deadline.',
    es: 'El sobre de la boleta no estaba firmado y no se corrigi\u00f3 antes de la fecha l\u00edmite.',
  },
  signature_mismatch: {
    en: 'The signature on the envelope did not match the one on file, and it was not confirmed before the deadline.',
    es: 'La firma del sobre no coincid\u00eda con la que consta en el registro y no se confirm\u00f3 antes de la fecha l\u00edmite.',
  },
  already_voted: {
    en: 'Our records show that another ballot of yours was already counted in this election.',
    es: 'Nuestros registros muestran que ya se cont\u00f3 otra boleta suya en esta elecci\u00f3n.',
  },
  late: {
    en: 'Your ballot arrived after the legal deadline for receiving ballots.',
    es: 'Su boleta lleg\u00f3 despu\u00e9s de la fecha l\u00edmite legal para recibir boletas.',
  },
  postmarked_late: {
    en: 'Your ballot was postmarked (or signed) after election day.',
    es: 'Su boleta tiene matasellos (o fecha de firma) posterior al d\u00eda de la elecci\u00f3n.',
  },
  other: {
    en: 'Your ballot could not be counted under the law of this state. The election office can tell you more.',
    es: 'Su boleta no pudo contarse seg\u00fan la ley de este estado. La oficina electoral puede darle m\u00e1s informaci\u00f3n.',
  },
};

/** Why the office did not accept a document uploaded through the portal. */
export const DECLINE_EXPLAINED: Readonly<Record<CureDeclineReason, Words>> = {
  unreadable: {
    en: 'We could not read the document you uploaded. Please upload a clearer photo or scan.',
    es: 'No pudimos leer el documento que subi\u00f3. Suba una foto o un escaneo m\u00e1s claro.',
  },
  not_an_accepted_id: {
    en: 'The document you uploaded is not one of the accepted forms of ID.',
    es: 'El documento que subi\u00f3 no es una de las identificaciones aceptadas.',
  },
  name_does_not_match: {
    en: 'The name on the document does not match the name on your ballot envelope.',
    es: 'El nombre del documento no coincide con el nombre del sobre de su boleta.',
  },
  affidavit_not_signed: {
    en: 'The affidavit you uploaded was not signed.',
    es: 'La declaraci\u00f3n jurada que subi\u00f3 no estaba firmada.',
  },
  other: {
    en: 'The election office could not accept the document you uploaded. Please call the office.',
    es: 'La oficina electoral no pudo aceptar el documento que subi\u00f3. Llame a la oficina.',
  },
};

export const BALLOT_KIND_NAME: Readonly<Record<'provisional' | 'uocava', Words>> = {
  provisional: { en: 'provisional ballot', es: 'boleta provisional' },
  uocava: { en: 'military or overseas ballot', es: 'boleta de votante militar o en el extranjero' },
};

/**
 * A deadline as a voter reads it: weekday, date, time and zone in the election's time zone, e.g.
 * "Friday, November 6, 2020 at 5:00 PM EST" / "viernes, 6 de noviembre de 2020, 5:00 p.m. EST".
 */
export function localDeadline(instant: number, timeZone: string, language: VoterLanguage): string {
  const locale = language === 'es' ? 'es-US' : 'en-US';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** Whole local calendar days from `now` to the deadline, in the election's zone (0: the deadline is today). */
export function daysLeft(now: number, deadline: number, timeZone: string): number {
  const day = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(t));
    return Date.parse(`${parts}T00:00:00Z`);
  };
  return Math.round((day(deadline) - day(now)) / 86_400_000);
}
