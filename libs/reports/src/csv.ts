/** The CSV file name of a report, the same from the API and the console: `eavs-ga-2020-general-FULTON.csv`. */
export function reportFileName(name: string, electionId: string, countyCode?: string): string {
  return `${name}-${electionId}${countyCode === undefined ? '' : `-${countyCode}`}.csv`;
}

/** RFC 4180 CSV with a header row; formulas are neutralised so a spreadsheet never runs a cell. */
export function toCsv(rows: readonly object[], columns: readonly string[]): string {
  const cell = (value: string | number | boolean | null | undefined): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => cell((row as Record<string, string | number | boolean | null | undefined>)[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
