import type { FastifyInstance } from 'fastify';

/**
 * The content security policy. `inline` names, by hash, the inline script and styles a page
 * drawn before its scripts start carries (build/first-paint.ts); nothing else inline may run.
 */
export type InlineSources = { scripts: string[]; styles: string[] };

export function contentSecurityPolicy(inline?: InlineSources) {
  const scripts = inline?.scripts.join(' ') ?? '';
  const styles = inline?.styles.join(' ') ?? '';
  return [
    "default-src 'self'",
    "base-uri 'none'",
    "font-src 'self' https: data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data: blob:",
    "object-src 'none'",
    `script-src 'self'${scripts ? ` ${scripts}` : ''}`,
    "script-src-attr 'none'",
    `style-src 'self'${styles ? ` ${styles}` : ''}`,
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join(';');
}

/**
 * The security headers every response carries. They never vary by request, so they are built
 * once here and copied onto each reply (issue 22), rather than assembled per request by
 * helmet's middleware chain. The same set helmet sent before, with this app's policy.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': contentSecurityPolicy(),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
}
