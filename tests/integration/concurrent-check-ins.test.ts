import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addWeeks } from '#shared/week';
import { countRows } from '../helpers/db-state';
import { pairedCouple, WEDNESDAY, type Person } from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Many check-ins at once, of partners whose couples share tables and indexes. On PostgreSQL each runs SERIALIZABLE on a
// connection of its own, and PostgreSQL cancels some of them so that the outcome matches a one-at-a-time order (also
// between different people whose reads share an index page); each canceled one must be run again until it succeeds,
// never answered with a 500. On SQLite they simply queue for the one connection.

const WRITERS = 16;
const WRITES_EACH = 30;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
});
afterEach(async () => {
  await app.close();
});

describe('concurrent check-ins', () => {
  it(`of ${WRITERS} writers at once all succeed, and each is stored once`, async () => {
    const people: Person[] = [];
    for (let i = 0; i < 4; i++) {
      const couple = await pairedCouple(app, [`Ana ${i}`, `Ben ${i}`]);
      people.push(couple.a, couple.b);
    }
    let next = 0;
    const failures: unknown[] = [];
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let k = 0; k < WRITES_EACH; k++) {
          const person = people[(writer + k) % people.length]!;
          // A week no one else writes: every write adds exactly one row.
          const week = addWeeks('1970-W01', next++);
          await (
            await person.api()
          ).assessment
            .submit({ week, ratings: ratingsOf((k % 10) + 1) })
            .catch((error: unknown) => failures.push(error));
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(await countRows(app, 'assessments')).toBe(WRITERS * WRITES_EACH);
  }, 60_000);
});
