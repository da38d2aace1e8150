/**
 * A small client-side router: path patterns with `:name` parameters, history.pushState, and
 * link clicks inside the app intercepted so the page does not reload.
 */

export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      try {
        params[p[i].slice(1)] = decodeURIComponent(s[i]);
      } catch {
        return null;
      }
    } else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** Fills a pattern's parameters: fillPath('/app/s/:slug', { slug: 'x' }) → '/app/s/x'. */
export function fillPath(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}

/** Views with unsaved work can hold a navigation: each guard returns false to stay. */
const guards = new Set<() => boolean>();

export function onBeforeNavigate(guard: () => boolean): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (!options.replace && [...guards].some((g) => !g())) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new CustomEvent('rondo-route'));
}

/** Same-origin /app links navigate in place; modified clicks (new tab) and downloads do not. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.composedPath().find((n) => n instanceof HTMLAnchorElement) as HTMLAnchorElement | undefined) ?? null;
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/app')) return;
    e.preventDefault();
    if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', () => window.dispatchEvent(new CustomEvent('rondo-route')));
}
