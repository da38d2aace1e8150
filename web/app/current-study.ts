/** The slug of the study the current address is about (/app/s/<slug>/…), if any. */
export function currentSlug(): string | undefined {
  const m = /^\/app\/s\/([^/]+)/.exec(location.pathname);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
}
