import { html, type Html } from './html';
import { type StaffActor, can, type Action } from '@app/domain';

export interface PageContext {
  readonly actor: StaffActor | null;
  readonly csrfToken: string | null;
  readonly path: string;
  /** Where the browser should show it is (a form shown again after signing in is answered at /console/login). */
  readonly location?: string;
  /** The user's county has certified: no intake in the navigation. */
  readonly intakeClosed?: boolean;
}

/** The navigation, each item shown to the roles the permissions table lets do its action. */
const NAV: readonly { href: string; label: string; action: Action }[] = [
  { href: '/console', label: 'Work queue', action: 'read_ballots' },
  { href: '/console/intake', label: 'Take in a ballot', action: 'intake' },
  { href: '/console/review', label: 'Review rejections', action: 'CONFIRM_REJECTION' },
  { href: '/console/dashboard', label: 'Dashboard', action: 'read_reports' },
  { href: '/console/deadlines', label: 'Deadlines', action: 'read_ballots' },
  { href: '/console/reports', label: 'Reports', action: 'read_reports' },
  { href: '/console/letters', label: 'Letters', action: 'export_letters' },
  { href: '/console/users', label: 'Users', action: 'manage_users' },
];

/** The hidden field every form carries: the session's CSRF token. */
export const csrfField = (ctx: PageContext): Html => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">`;

function navigation(ctx: PageContext): Html {
  const actor = ctx.actor;
  if (actor === null) return html``;
  const items = NAV.filter((item) => can(actor.role, item.action) && !(item.action === 'intake' && ctx.intakeClosed === true));
  return html`
    <nav aria-label="Primary navigation" class="usa-nav">
      <ul class="usa-nav__primary usa-accordion">
        ${items.map((item) => {
          const current = item.href === '/console' ? ctx.path === '/console' || ctx.path.startsWith('/console/ballots') : ctx.path.startsWith(item.href);
          return html`<li class="usa-nav__primary-item"><a class="usa-nav-link${current ? ' usa-current' : ''}" href="${item.href}"${current ? html` aria-current="page"` : ''}><span>${item.label}</span></a></li>`;
        })}
      </ul>
    </nav>`;
}

/** Who is signed in, and the way out: a thin bar above the header. */
function accountBar(ctx: PageContext): Html {
  const actor = ctx.actor;
  if (actor === null) return html``;
  return html`<div class="bg-base-lightest"><div class="grid-container display-flex flex-justify-end flex-align-center padding-y-05 font-body-2xs">
    <span>Signed in as <strong>${actor.username}</strong> (${actor.role}${actor.countyCode === null ? ', all counties' : `, ${actor.countyCode}`})</span>
    <form method="post" action="/console/logout" class="margin-left-2">${csrfField(ctx)}<button class="usa-button usa-button--unstyled font-body-2xs" type="submit">Sign out</button></form>
  </div></div>`;
}

/** Shown by console.js shortly before a signed-in session ends for want of use (issue 14 item 5). */
function sessionWarning(ctx: PageContext): Html {
  if (ctx.actor === null) return html``;
  return html`<div class="usa-alert usa-alert--warning session-warning" data-session-warning hidden>
    <div class="usa-alert__body">
      <h2 class="usa-alert__heading">Your session is about to end</h2>
      <p class="usa-alert__text" data-session-text aria-live="assertive"></p>
      <button class="usa-button" type="button" data-stay-signed-in>Stay signed in</button>
    </div>
  </div>`;
}

/** The page shell: USWDS, served by the app itself; a skip link, landmarks, one h1 per page. */
export function page(ctx: PageContext, title: string, body: Html): Html {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · Ballot adjudication</title>
  <link rel="stylesheet" href="/console/assets/uswds/css/uswds.min.css">
  <link rel="stylesheet" href="/console/assets/console.css">
</head>
<body${ctx.location !== undefined ? html` data-location="${ctx.location}"` : ''}>
  <a class="usa-skipnav" href="#main-content">Skip to main content</a>
  ${accountBar(ctx)}
  <header class="usa-header usa-header--basic">
    <div class="usa-nav-container">
      <div class="usa-navbar">
        <div class="usa-logo"><em class="usa-logo__text"><a href="/console" title="Ballot adjudication home">Ballot adjudication</a></em></div>
      </div>
      ${navigation(ctx)}
    </div>
  </header>
  <main id="main-content" class="grid-container-widescreen padding-x-2 desktop:padding-x-4 padding-bottom-6">
    ${body}
  </main>
  ${sessionWarning(ctx)}
  <footer class="usa-footer usa-footer--slim"><div class="grid-container padding-y-2 font-body-3xs">Provisional and UOCAVA ballot adjudication · every action is recorded in the audit trail</div></footer>
  <script src="/console/assets/console.js" defer></script>
</body>
</html>`;
}

export function alert(kind: 'error' | 'success' | 'info' | 'warning', heading: string, text: string | Html): Html {
  return html`<div class="usa-alert usa-alert--${kind} usa-alert--slim margin-y-2" role="${kind === 'error' ? 'alert' : 'status'}"><div class="usa-alert__body"><p class="usa-alert__text"><strong>${heading}</strong> ${text}</p></div></div>`;
}
