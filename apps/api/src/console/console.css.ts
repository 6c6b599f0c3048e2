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
.console-nowrap { white-space: nowrap; }
/* The header, account bar and footer line up with the wide main column (issue 14: use the screen's width). */
.usa-header .usa-nav-container, .usa-footer .grid-container, body > .bg-base-lightest > .grid-container { max-width: 87.5rem; }
.console-badge { margin-left: 0.25rem; }
.console-action { border-top: 1px solid #dfe1e2; padding-top: 0.5rem; }
.console-action form { margin-bottom: 1rem; }
.console-differs td, .console-differs th { background: #faf3d1; }
.console-hash { font-family: "Roboto Mono Web", monospace; font-size: 0.8rem; word-break: break-all; }
.console-facts dt { font-weight: 700; }
.console-facts dd { margin: 0 0 0.5rem 0; }
.console-checklist .usa-icon-list__item[data-ok="no"] { color: #b50909; }
.console-bulk { border: 0; padding: 0; margin: 0 0 0.5rem 0; }
.console-bulk .usa-button { margin-top: 0.5rem; }
.console-letter { page-break-after: always; break-after: page; max-width: 40rem; }
.console-letter address, .console-letter-text { white-space: pre-wrap; font-style: normal; }
@media print {
  .usa-skipnav, header.usa-header, .usa-footer, .console-no-print, .console-actions, main form, nav { display: none !important; }
  main#main-content { max-width: none; padding: 0; }
  a.usa-link { color: #000; text-decoration: none; }
  .console-scroll { overflow: visible; }
  .usa-table { font-size: 10pt; }
  body > div.bg-base-lightest { display: none; }
}
`;
