import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Under TLS the session cookie is `__Host-highbar_session` (Secure, no Domain, Path=/), which a
 * sibling subdomain cannot set or overwrite. Browsers refuse Secure cookies over plain HTTP,
 * so local development on http:// uses `highbar_session` with the same other attributes.
 */
export const SECURE_COOKIE = '__Host-highbar_session';
export const PLAIN_COOKIE = 'highbar_session';

export function readSessionToken(request: FastifyRequest): string | null {
  const name = request.protocol === 'https' ? SECURE_COOKIE : PLAIN_COOKIE;
  const value = request.cookies[name];
  return value && /^[A-Za-z0-9_-]{43}$/u.test(value) ? value : null;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
  const secure = request.protocol === 'https';
  reply.setCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'strict',
    expires: expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = request.protocol === 'https';
  reply.clearCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, { path: '/', httpOnly: true, secure, sameSite: 'strict' });
}
