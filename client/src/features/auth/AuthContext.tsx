import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PublicUser } from '@common/schemas/auth.js';
import { api, ApiError, setUnauthenticatedHandler } from '../../shared/api';

export type User = PublicUser;

interface AuthValue {
  /** The logged-in user, or null for visitors. */
  user: User | null;
  /** True until the first `GET /api/auth/me` has answered. */
  loading: boolean;
  /** Set when the login state could not be read (server down, network). */
  error: unknown;
  /** Re-reads the session. */
  refresh: () => Promise<void>;
  /** Stores the user returned by login or registration. */
  signedIn: (user: User) => void;
  /** Ends the session on the server and here. */
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Loads the session once and keeps the current user for the whole app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(async () => {
    try {
      const { user: me } = await api<{ user: User }>('/api/auth/me', { ignoreUnauthenticated: true });
      setUser(me);
      setError(null);
    } catch (caught) {
      setUser(null);
      setError(caught instanceof ApiError && caught.status === 401 ? null : caught);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A 401 from any later request means the session ended (expired, logged out elsewhere).
  useEffect(() => {
    setUnauthenticatedHandler(() => setUser(null));
    return () => setUnauthenticatedHandler(null);
  }, []);

  const signedIn = useCallback((next: User) => {
    setUser(next);
    setError(null);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api<unknown>('/api/auth/logout', { method: 'POST', ignoreUnauthenticated: true });
    } catch (caught) {
      // An already-ended session is as good as a successful logout.
      if (!(caught instanceof ApiError && caught.status === 401)) throw caught;
    }
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, loading, error, refresh, signedIn, logout }), [user, loading, error, refresh, signedIn, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The current session. */
export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/**
 * Where to go after login: only same-site paths are followed, so a crafted `next` cannot send the
 * user to another site.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/register')) return '/';
  return next;
}
