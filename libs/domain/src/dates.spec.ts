import { isCalendarDate } from './dates';

describe('isCalendarDate: the one check of a YYYY-MM-DD date', () => {
  it.each(['2020-11-03', '2000-02-29', '1800-01-01', '2024-02-29', '1999-12-31'])('takes %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    ['2021-02-30', 'a day the month does not have'],
    ['1900-02-29', 'a century that is not a leap year'],
    ['2020-13-01', 'month 13'],
    ['2020-00-10', 'month 0'],
    ['2020-01-00', 'day 0'],
    ['1799-12-31', 'before 1800'],
    ['2020-1-01', 'a short month'],
    ['2020/01/01', 'slashes'],
    ['+020-01-01', 'a sign where a digit goes'],
    ['2020-01-1 ', 'a trailing space'],
    ['2020-W01-1', 'an ISO week date'],
    ['11/03/2020', 'a U.S. date'],
    ['', 'nothing'],
  ])('refuses %s (%s)', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isCalendarDate(20201103)).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
  });
});
