/**
 * The shapes of the ids the service accepts, in one place for every edge (the API's DTOs, the
 * console's forms, the CLI's files) and the store's checks.
 */

/** An election id: lower-case letters, digits and dashes, e.g. `ga-2020-general`. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A county code, a receipt number, a voter id: letters, digits, dashes and underscores. */
export const CODE = /^[A-Za-z0-9_-]{1,32}$/;
/** A precinct, district or contest id: letters, digits, dots, dashes and underscores. */
export const ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** A phone number as people write it: digits, spaces, dashes, dots, brackets, an optional leading +. */
export const PHONE = /^\+?[0-9 ().-]{7,25}$/;
/** A voter id on the roll. */
export const VOTER_ID = CODE;
/** A local time of day, `HH:MM` (24-hour). */
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
