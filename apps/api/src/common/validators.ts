export { instantMs, IsCalendarDate, IsInstant } from '@app/ballots/validators';
