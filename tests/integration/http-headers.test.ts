import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../helpers/emails';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';

let server: RunningServer;
let assetPath: string;
let signedIn: HttpClient;
beforeAll(async () => {
  server = await startServer();
  const shell = await (await fetch(`${server.baseUrl}/login`)).text();
  assetPath = /src="(\/assets\/[^"]+\.js)"/.exec(shell)![1]!;
  signedIn = new HttpClient(server.baseUrl);
  await signedIn.mutation('auth.signup', {
    email: uniqueEmail('headers'),
    password: 'correct horse battery',
    displayName: 'Hal',
    role: 'partner',
  });
});
afterAll(() => server.close());

/** The policy, directive by directive: the app and its API on its own origin, and nothing else. */
const EXPECTED_CSP: Record<string, string> = {
  'default-src': "'self'",
  'base-uri': "'self'",
  'connect-src': "'self'",
  'font-src': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
  // Small images inlined as data: URLs; never another host.
  'img-src': "'self' data:",
  'object-src': "'none'",
  'script-src': "'self'",
  'script-src-attr': "'none'",
  // Charts position their parts with inline style attributes; no inline <style> or script is allowed in anyway.
  'style-src': "'self' 'unsafe-inline'",
  // The offline app: its service worker and its manifest, from this origin only.
  'worker-src': "'self'",
  'manifest-src': "'self'",
};

function parseCsp(header: string | null): Record<string, string> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')];
      }),
  );
}

type Send = () => Promise<Response>;
const get =
  (path: string, headers: Record<string, string> = {}): Send =>
  () =>
    fetch(`${server.baseUrl}${path}`, { headers });
const withSession =
  (path: string, init: RequestInit = {}): Send =>
  () =>
    fetch(`${server.baseUrl}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie: signedIn.cookie! },
    });
const post =
  (path: string, body: string, contentType = 'application/json'): Send =>
  () =>
    fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

/** Every kind of answer the server gives, with the caching each must carry. */
const ANSWERS: [string, Send, number, RegExp][] = [
  ['an app page', get('/login', { accept: 'text/html' }), 200, /^no-cache$/],
  ['a deep app page', get('/practices/trust', { accept: 'text/html' }), 200, /^no-cache$/],
  ['a hashed asset', () => fetch(`${server.baseUrl}${assetPath}`), 200, /^public, max-age=31536000, immutable$/],
  ['a missing asset', get('/assets/no-such-file.js'), 404, /^no-store$/],
  // Checked by the browser on every visit, so a deploy reaches phones at once.
  ['the service worker', get('/sw.js'), 200, /^no-cache$/],
  ['the web app manifest', get('/manifest.webmanifest'), 200, /^no-cache$/],
  ['an unknown address asked for as JSON', get('/no/such/thing', { accept: 'application/json' }), 404, /^no-store$/],
  ['the health check', get('/healthz'), 200, /^no-store$/],
  ['a public query', get('/trpc/practice.list'), 200, /^no-store$/],
  ['a query with a session', withSession('/trpc/dashboard.get'), 200, /^no-store$/],
  [
    'a mutation with a session',
    withSession('/trpc/couple.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    200,
    /^no-store$/,
  ],
  ['a query refused without a session', get('/trpc/dashboard.get'), 401, /^no-store$/],
  [
    'an input refused',
    withSession(`/trpc/assessment.history?input=${encodeURIComponent('{"fromWeek":1}')}`),
    400,
    /^no-store$/,
  ],
  ['an unknown procedure', get('/trpc/nothing.here'), 404, /^no-store$/],
  ['a mutation over GET', get('/trpc/auth.logout'), 405, /^no-store$/],
  ['a form post', post('/trpc/auth.logout', 'a=1', 'application/x-www-form-urlencoded'), 415, /^no-store$/],
  ['a body too large', post('/trpc/auth.login', JSON.stringify({ email: 'x'.repeat(300_000) })), 413, /^no-store$/],
];

describe('every answer', () => {
  it.each(ANSWERS)(
    '%s carries the security headers and the right caching',
    async (_label, send, status, cacheControl) => {
      const response = await send();
      await response.arrayBuffer();
      expect(response.status).toBe(status);
      expect(parseCsp(response.headers.get('content-security-policy'))).toEqual(EXPECTED_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('cache-control') ?? '(none)').toMatch(cacheControl);
    },
  );

  it('sends no Access-Control-Allow-Origin, so other sites cannot read answers', async () => {
    const response = await fetch(`${server.baseUrl}/trpc/auth.me`, {
      headers: { origin: 'https://evil.example', cookie: signedIn.cookie! },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
