/** The agent session cookie: httpOnly (no script reads it), SameSite=Lax (no cross-site POSTs carry it). */
export const SESSION_COOKIE = 'kefu_session';

export function sessionCookieOptions(publicUrl: string, maxAgeMs: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: publicUrl.startsWith('https:'),
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}
