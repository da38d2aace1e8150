import type { SessionResponse } from '../../model/api/session.js';
import type { StudyRole } from '../../model/values.js';
import { get, setCsrfToken } from './api.js';

/**
 * The logged-in user and their studies, loaded once and reloaded after changes that affect
 * them (a new study, a password change). Elements listen for `rondo-session` on window.
 */
let info: SessionResponse | null = null;

export function session(): SessionResponse | null {
  return info;
}

export async function loadSession(): Promise<SessionResponse | null> {
  try {
    info = await get<SessionResponse>('/api/session');
    setCsrfToken(info.csrfToken);
  } catch {
    info = null;
  }
  window.dispatchEvent(new CustomEvent('rondo-session'));
  return info;
}

export function roleIn(slug: string | undefined): StudyRole | null {
  if (!slug || !info) return null;
  return info.studies.find((s) => s.slug === slug)?.role ?? null;
}
