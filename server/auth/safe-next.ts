/**
 * Where to go after logging in: only a path inside the staff app of this server. Anything
 * else — another host ("//evil.example", "https://…"), a backslash trick ("/\\evil"), a
 * scheme ("javascript:"), control characters or the login page itself — falls back to /app.
 */
export function safeNext(next: unknown): string {
  const fallback = '/app';
  if (typeof next !== 'string' || next.length > 500) return fallback;
  if (!/^\/app(?:[/?#]|$)/.test(next)) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(next) || next.startsWith('//')) return fallback;
  try {
    const url = new URL(next, 'http://rondo.invalid');
    if (url.origin !== 'http://rondo.invalid' || !url.pathname.startsWith('/app')) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
