/**
 * Styles of the fieldwork screens. The staff app renders into the light DOM with one global
 * stylesheet (web/app.css); these few rules are the fieldwork screens' own, adopted once by
 * the document (a constructed stylesheet, which the CSP's style-src 'self' allows, unlike an
 * inline <style>).
 */
const CSS = `
.fw-tabs { display: flex; overflow-x: auto; gap: 0.25rem; margin: 0 0 1.25rem; border-bottom: 1px solid var(--line); }
.fw-tabs a { display: block; white-space: nowrap; padding: 0.55rem 0.9rem; color: var(--ink); text-decoration: none; border-bottom: 3px solid transparent; font-weight: 600; }
.fw-tabs a[aria-current='page'] { border-bottom-color: var(--accent); color: var(--accent); }
.fw-badge--ok { background: var(--ok-wash, #e6f4ea); color: #154d29; }
.fw-head { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: end; justify-content: space-between; margin-bottom: 1rem; }
.fw-head .a-field { margin: 0; min-width: 12rem; }
.fw-updated { color: var(--muted); font-size: 0.875rem; margin: 0; }
.fw-stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: 0.75rem; margin: 0 0 1.25rem; padding: 0; list-style: none; }
.fw-stats li { background: var(--paper); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.6rem 0.9rem; }
.fw-stats strong { display: block; font-size: 1.5rem; font-variant-numeric: tabular-nums; }
.fw-stats .fw-rate strong { color: var(--accent); }
.fw-section { margin: 1.75rem 0 0; }
.fw-section h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
.fw-tables { display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); align-items: start; }
.fw-tables > * { min-width: 0; }
.fw-charts { display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); align-items: start; }
.fw-charts > * { min-width: 0; }
.fw-anon-note { margin: -0.5rem 0 1.25rem; font-size: 0.9rem; }
.fw-hidden-cell { color: var(--muted); }
.fw-pattern { font-family: ui-monospace, monospace; letter-spacing: 0.15em; white-space: nowrap; }
.fw-round { display: grid; gap: 0.75rem; }
.fw-round h2 { font-size: 1.15rem; margin: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.fw-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; font-size: 0.95rem; }
.fw-facts dt { color: var(--muted); }
.fw-facts dd { margin: 0; }
.fw-anon { border-top: 1px solid var(--line); padding-top: 0.75rem; display: grid; gap: 0.5rem; }
.fw-anon h3 { font-size: 1rem; margin: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.fw-anon p { margin: 0; }
.fw-anon-link input { flex: 1 1 20rem; min-width: 0; font-family: ui-monospace, monospace; font-size: 0.875rem; }
.fw-glink-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
.fw-glink { display: grid; gap: 0.5rem; }
.fw-glink h4 { font-size: 0.95rem; margin: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.fw-glink-shown { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-start; }
.fw-glink-shown .fw-anon-link { flex: 1 1 20rem; min-width: 0; }
.fw-qr { display: block; width: 10rem; height: 10rem; border: 1px solid var(--line); }
.fw-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.fw-actions--end { align-items: end; }
.fw-actions .a-field { margin: 0; }
.fw-actions .button, .fw-actions a.button { text-decoration: none; }
.fw-mail { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; background: var(--wash); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.75rem 1rem; margin: 0; max-height: 22rem; overflow: auto; }
.fw-mail-subject { font-weight: 700; margin: 0 0 0.4rem; overflow-wrap: anywhere; }
.fw-chips { display: flex; flex-wrap: wrap; gap: 0.35rem; margin: 0.35rem 0 0; }
.fw-chips button { font-family: ui-monospace, monospace; font-size: 0.85rem; padding: 0.2rem 0.5rem; min-height: 2rem; }
.fw-template { display: grid; gap: 1rem; }
@media (min-width: 70em) { .fw-template { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; } }
.fw-template textarea { min-height: 16rem; font-family: inherit; }
.fw-dialog-wide { width: min(44rem, calc(100vw - 2rem)); }
.fw-reason { color: var(--muted); font-size: 0.875rem; overflow-wrap: anywhere; }
.fw-list-tools { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between; margin: 0 0 0.5rem; }
.fw-search { margin: 0; flex: 1 1 18rem; max-width: 28rem; }
.fw-search input { width: 100%; }
.a-table td.fw-wrap { min-width: 8rem; }
@media (max-width: 40em) { .fw-hide-narrow { display: none; } }
.fw-footnote { margin: 0.5rem 0 0; }
/* The list of who is in the round fits a 1280 px screen: a status says what it counts in words ("uitnodiging nog niet
   verstuurd") and may wrap between them; a code is one word and is never split at its hyphen. */
.fw-people .a-badge { white-space: normal; border-radius: 0.5rem; }
.fw-people .fw-code { white-space: nowrap; }
`;

let adopted = false;

export function adoptFieldworkStyles(): void {
  if (adopted || typeof document === 'undefined' || !('adoptedStyleSheets' in document)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  adopted = true;
}
