import type { LocalText } from '../../model/i18n.js';
import { get, setCsrfToken } from './api.js';

export type StudyRole = 'researcher' | 'trainer' | 'manager';

export interface SessionStudy {
  slug: string;
  title: LocalText;
  role: StudyRole;
  isDemo: boolean;
}

export interface SessionInfo {
  user: { id: number; email: string; displayName: string; isAdmin: boolean; language: 'nl' | 'en'; mustChangePassword: boolean };
  csrfToken: string;
  canCreateStudies: boolean;
  studies: SessionStudy[];
}

/**
 * The logged-in user and their studies, loaded once and reloaded after changes that affect
 * them (a new study, a password change). Elements listen for `rondo-session` on window.
 */
let info: SessionInfo | null = null;

export function session(): SessionInfo | null {
  return info;
}

export async function loadSession(): Promise<SessionInfo | null> {
  try {
    info = await get<SessionInfo>('/api/session');
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
