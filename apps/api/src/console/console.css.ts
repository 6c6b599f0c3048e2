/** A few rules on top of USWDS: table density and the chart. Served at /console/assets/console.css. */
export const CONSOLE_CSS = `
.console-table { width: 100%; }
.console-table td, .console-table th { vertical-align: top; }
.console-table tbody th, .console-table tfoot th { line-height: inherit; }
.console-table td.text-bold { font-weight: 700; }
.console-scroll { overflow-x: auto; }
.console-scroll > .usa-table { margin-top: 0.5rem; }
.console-chart text { font-family: "Source Sans Pro Web", "Helvetica Neue", Arial, sans-serif; font-size: 12px; fill: #1b1b1b; }
.console-chart .bar { fill: #005ea2; }
.console-actions form { margin-bottom: 1.5rem; }
.usa-tag { white-space: normal; }
.session-warning[hidden], [data-stay-signed-in][hidden] { display: none; }
.session-warning { position: fixed; left: 1rem; right: 1rem; bottom: 1rem; z-index: 1000; max-width: 40rem; margin: 0 auto; box-shadow: 0 0.25rem 1rem rgba(0, 0, 0, 0.3); }
`;
