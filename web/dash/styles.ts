/**
 * The dashboard's stylesheet (web/dash.css), added to the page once by the first dashboard
 * view: the shell loads only app.css, and the CSP allows stylesheets from the app itself but
 * no inline styles. Resolves when the sheet has loaded, so a view never paints unstyled.
 */
let loaded: Promise<void> | null = null;

export function dashStyles(): Promise<void> {
  if (loaded) return loaded;
  const existing = document.querySelector<HTMLLinkElement>('link[data-rondo-dash]');
  if (existing) return (loaded = Promise.resolve());
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/assets/dash.css';
  link.dataset.rondoDash = '';
  loaded = new Promise((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
  });
  document.head.append(link);
  return loaded;
}
