/** A few rules on top of USWDS: table density and the chart. Served at /console/assets/console.css. */
export const CONSOLE_CSS = `
.console-table { width: 100%; }
.console-table td, .console-table th { vertical-align: top; }
.console-chart text { font-family: "Source Sans Pro Web", "Helvetica Neue", Arial, sans-serif; font-size: 12px; fill: #1b1b1b; }
.console-chart .bar { fill: #005ea2; }
.console-actions form { margin-bottom: 1.5rem; }
.usa-tag { white-space: normal; }
`;
