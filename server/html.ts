/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A server-rendered page shell: no inline script or style (the CSP forbids both), the
 * stylesheet and optional module scripts from /assets/.
 */
export function renderPage(opts: { lang: 'nl' | 'en'; title: string; body: string; scripts?: string[]; styles?: string[] }): string {
  const styles = ['base.css', ...(opts.styles ?? [])].map((s) => `<link rel="stylesheet" href="/assets/${escapeHtml(s)}">`).join('\n  ');
  const scripts = (opts.scripts ?? []).map((s) => `<script type="module" src="/assets/${escapeHtml(s)}"></script>`).join('\n  ');
  return `<!doctype html>
<html lang="${opts.lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${escapeHtml(opts.title)}</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  ${styles}
  ${scripts}
</head>
<body>
${opts.body}
</body>
</html>`;
}
