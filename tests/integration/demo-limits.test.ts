import { afterEach, describe, expect, it } from 'vitest';
import { DEMOS_PER_ADDRESS_PER_HOUR } from '#server/http/request-guards';
import { DEMO_TEXT_LIMIT_BYTES, STORED_TEXT_LIMIT_BYTES } from '#server/services/storage-quota.service';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';

// A demo needs no account, so it is the cheapest way in: what one address can make the server keep through demos
// must stay small, however the text is sent.

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Close to the longest reflection reflection.save takes, in a script of three UTF-8 bytes a character. */
const LONG_REFLECTION = '中'.repeat(3_990);
const BATCH = 10;

/** Ten reflections in one request, as tRPC's batch link sends them; answers the bytes stored and whether one was refused. */
async function saveTen(client: HttpClient, tag: string): Promise<{ bytes: number; refused: number[] }> {
  const inputs = Array.from({ length: BATCH }, (_, i) => ({
    practiceId: 'trust',
    body: `${LONG_REFLECTION} ${tag}-${i}`,
  }));
  const response = await client.send(`/trpc/${Array(BATCH).fill('reflection.save').join(',')}?batch=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(Object.fromEntries(inputs.map((input, i) => [i, input]))),
  });
  const answers = response.body as { result?: unknown; error?: { data?: { httpStatus?: number } } }[];
  return {
    bytes: answers.reduce((sum, answer, i) => sum + (answer.result ? Buffer.byteLength(inputs[i]!.body) : 0), 0),
    refused: answers.flatMap((answer) => (answer.error ? [answer.error.data?.httpStatus ?? 0] : [])),
  };
}

describe('visitors without an account', () => {
  it('keep at most a demo’s small ceiling of text each, and start only a few demos an hour from one address', async () => {
    // As `npm start` runs: limits per address on.
    server = await startServer({ clientDir: null, ipRateLimit: true });
    let stored = 0;
    for (let demo = 1; demo <= DEMOS_PER_ADDRESS_PER_HOUR; demo++) {
      const visitor = new HttpClient(server.baseUrl);
      expect((await visitor.mutation('demo.start', {})).status).toBe(200);
      let kept = 0;
      // Bounded: a demo's ceiling is a few batches; the loop would stop at the full ceiling of an account regardless.
      for (let batch = 0; kept <= STORED_TEXT_LIMIT_BYTES; batch++) {
        const { bytes, refused } = await saveTen(visitor, `${demo}-${batch}`);
        kept += bytes;
        if (refused.length > 0) {
          expect(refused.every((status) => status === 413)).toBe(true);
          break;
        }
      }
      // The first reflections fit: a demo can still be tried.
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThanOrEqual(DEMO_TEXT_LIMIT_BYTES);
      stored += kept;
    }
    const oneMore = await new HttpClient(server.baseUrl).mutation('demo.start', {});
    expect(oneMore.status).toBe(429);
    expect(Number(oneMore.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(stored).toBeLessThanOrEqual(DEMOS_PER_ADDRESS_PER_HOUR * DEMO_TEXT_LIMIT_BYTES);
  }, 60_000);
});
