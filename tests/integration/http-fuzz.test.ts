import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_IDS } from '#shared/practices';
import { databaseState, type DatabaseState } from '../helpers/db-state';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';
import { buildHttpWorld, type HttpWorld } from '../helpers/http-world';
import { allProcedures } from '../helpers/procedures';

/** Runs per procedure and caller: enough to meet every kind of malformed input below, small enough for the suite. */
const RUNS = 12;

let server: RunningServer;
let world: HttpWorld;
beforeAll(async () => {
  server = await startServer({ clientDir: null, ipRateLimit: false });
  world = await buildHttpWorld(server);
}, 60_000);
afterAll(() => server.close());

// ---- malformed inputs ----------------------------------------------------------------------------------------------

const weirdText = fc.constantFrom(
  '\u0000',
  '\uD800',
  'lone \uDFFF surrogate',
  '\u202Eright to left',
  'e\u0301\u0301\u0301',
  '👩‍❤️‍👨',
  '\uFEFFbom',
  '%00%ff',
  '../../etc/passwd',
  "'; drop table users; --",
  '__proto__',
  '2026-W99',
  '0000-W00',
  ' 2026-W48 ',
  'Ω'.repeat(3000),
);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  weirdText,
  fc.integer({ min: 1000, max: 400_000 }).map((n) => 'x'.repeat(n)),
);
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 11, 1.5, 1e308, -1e308, 2 ** 53 + 1, -0),
);
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const ratingsLike = fc.dictionary(
  fc.constantFrom(...PRACTICE_IDS, 'unknown', ''),
  fc.oneof(number, text, fc.constant(null)),
  { maxKeys: 12 },
);
/** Keys the procedures read, so values reach the validators of real fields rather than stopping at "unknown key". */
const KEYS = [
  'week',
  'ratings',
  'note',
  'coupleId',
  'email',
  'password',
  'displayName',
  'role',
  'inviteCode',
  'coachCode',
  'coachId',
  'practiceId',
  'range',
  'fromWeek',
  'toWeek',
  'body',
  'visibility',
  'userId',
  'id',
  'unknownKey',
  '__proto__',
  'constructor',
];
const plausible = fc.dictionary(
  fc.constantFrom(...KEYS),
  fc.oneof(scalar, ratingsLike, fc.jsonValue({ maxDepth: 3 })),
  { maxKeys: 6 },
);
const value = fc.oneof(scalar, plausible, fc.jsonValue({ maxDepth: 4 }), fc.array(scalar, { maxLength: 5 }));

const deepText = fc
  .tuple(fc.integer({ min: 50, max: 60_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  );
const invalidJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"week":',
    'undefined',
    "{'a':1}",
    '[1,]',
    'NaN',
    '{"a":1}}',
    '\u0000',
    '"unterminated',
    '{"a":01}',
    '1e999999',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

type Malformed =
  | { kind: 'json'; text: string }
  | { kind: 'raw'; text: string }
  | { kind: 'batch'; text: string }
  | { kind: 'query-string'; search: string };

const bodyText: fc.Arbitrary<Malformed> = fc.oneof(
  { weight: 5, arbitrary: value.map((v) => ({ kind: 'json' as const, text: JSON.stringify(v) })) },
  { weight: 2, arbitrary: invalidJson.map((t) => ({ kind: 'raw' as const, text: t })) },
  { weight: 1, arbitrary: deepText.map((t) => ({ kind: 'raw' as const, text: t })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(value, value)
      .map(([a, b]) => ({ kind: 'batch' as const, text: JSON.stringify({ 0: a, 1: b }) })),
  },
);
const oddQueryString: fc.Arbitrary<Malformed> = fc.oneof(
  fc
    .integer({ min: 10_000, max: 120_000 })
    .map((n) => ({ kind: 'query-string' as const, search: `?input=${'x'.repeat(n)}` })),
  fc
    .constantFrom(
      '?input=%E0%A4%A',
      '?input=a&input=b',
      '?input=',
      '?batch=1',
      '?batch=1&input=%5B%5D',
      '?input[a]=1',
      '?%zz',
    )
    .map((search) => ({ kind: 'query-string' as const, search })),
);

// ---- sending -------------------------------------------------------------------------------------------------------

function send(client: HttpClient, path: string, type: string, request: Malformed) {
  if (type === 'mutation' && request.kind !== 'query-string') {
    const target = request.kind === 'batch' ? `/trpc/${path},${path}?batch=1` : `/trpc/${path}`;
    return client.send(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request.text });
  }
  if (request.kind === 'query-string')
    return client.send(`/trpc/${path}${request.search}`, {
      method: type === 'mutation' ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json' },
    });
  const target = request.kind === 'batch' ? `/trpc/${path},${path}?batch=1&input=` : `/trpc/${path}?input=`;
  return client.send(target + encodeURIComponent(request.text), { method: 'GET' });
}

/** After a call that was accepted (and may have written, or ended the session), start again from there. */
async function keepSignedIn(client: HttpClient) {
  const me = await client.query('auth.me');
  if (me.body?.result?.data) return;
  const login = await client.mutation('auth.login', { email: world.anaEmail, password: world.password });
  expect(login.status).toBe(200);
}

const cases = allProcedures().flatMap((p) =>
  (['anonymous', 'partner'] as const).map((who) => [p.path, p.type, who] as const),
);

describe('malformed calls over HTTP', () => {
  it.each(cases)('%s (%s) by the %s caller: never 5xx, and a refusal changes nothing', async (path, type, who) => {
    const client = who === 'partner' ? world.ana : new HttpClient(server.baseUrl);
    const requests = fc.oneof(bodyText, oddQueryString);
    // The state after a refusal is the state before the next request: read once, not twice (on PostgreSQL each read is
    // a statement per table). After an answer that succeeded it is read afresh.
    let known: DatabaseState | undefined;
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const before: DatabaseState = known ?? (await databaseState(server));
        known = undefined;
        const response = await send(client, path, type, request);
        expect(
          response.status,
          `answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`,
        ).toBeLessThan(500);
        if (response.status >= 400) {
          const after = await databaseState(server);
          expect(after).toEqual(before);
          known = after;
        } else if (who === 'partner') {
          await keepSignedIn(client);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves the server up and answering', async () => {
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect((await world.ana.query('auth.me')).status).toBe(200);
  });
});
