/** What reads the time: every service reads it from one of these, never from `Date.now()` itself. */
export interface Clock {
  now(): number;
}

/** The dependency-injection token of the one clock of a process (see `openClock` in @app/ballots). */
export const CLOCK = Symbol('CLOCK');
