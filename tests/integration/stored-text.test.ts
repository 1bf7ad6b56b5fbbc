import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORED_TEXT_LIMIT_BYTES, storedTextBytes, textBytes } from '#server/services/storage-quota.service';
import { expectRefusedUnchanged } from '../helpers/assertions';
import { addReflection } from '../helpers/direct-rows';
import {
  connectCoach,
  LAST_WEEK,
  pairedCouple,
  signUpCoach,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
  type Person,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import type { Caller } from '../helpers/test-app';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Every procedure that stores someone's words: the check-in note, reflections, a coach's notes and focus note.

let app: TestApp;
let couple: Couple;
let coach: Person;
let noteId: string;
let reflectionId: string;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await pairedCouple(app, ['Ana', 'Ben']);
  coach = await signUpCoach(app, 'Casey');
  await connectCoach(couple, coach);
  const ana = await couple.a.api();
  await ana.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(5), note: 'A short note' });
  reflectionId = (await ana.reflection.save({ practiceId: 'trust', body: 'A short reflection' })).id;
  noteId = (await (await coach.api()).coach.addNote({ coupleId: couple.coupleId, body: 'A short coach note' })).id;
});
afterEach(async () => {
  await app.close();
});

type Write = (text: string) => (api: Caller) => Promise<unknown>;
const writes: [string, 'partner' | 'coach', Write][] = [
  [
    'assessment.submit (note)',
    'partner',
    (text) => (api) => api.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(6), note: text }),
  ],
  [
    'assessment.submit (note of a week already logged)',
    'partner',
    (text) => (api) => api.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(5), note: text }),
  ],
  [
    'reflection.save (a new one)',
    'partner',
    (text) => (api) => api.reflection.save({ practiceId: 'empathy', body: text }),
  ],
  [
    'reflection.save (an edit)',
    'partner',
    (text) => (api) => api.reflection.save({ id: reflectionId, practiceId: 'trust', body: text }),
  ],
  ['coach.addNote', 'coach', (text) => (api) => api.coach.addNote({ coupleId: couple.coupleId, body: text })],
  [
    'coach.updateNote',
    'coach',
    (text) => (api) => api.coach.updateNote({ coupleId: couple.coupleId, noteId, body: text }),
  ],
  [
    'coach.assignFocus (note)',
    'coach',
    (text) => (api) => api.coach.assignFocus({ coupleId: couple.coupleId, practiceId: 'trust', note: text }),
  ],
];
const writer = (who: 'partner' | 'coach') => (who === 'partner' ? couple.a : coach);

describe('text that is not text', () => {
  const notText: [string, string][] = [
    ['a NUL', 'before\u0000after'],
    ['a lone high surrogate', 'half an emoji \uD83D'],
    ['a lone low surrogate', '\uDE00 the other half'],
  ];
  const cases = writes.flatMap(([procedure, who, write]) =>
    notText.map(([what, text]) => [procedure, what, who, write, text] as const),
  );

  it.each(cases)('%s refuses %s with 400 and stores nothing', async (_procedure, _what, who, write, text) => {
    const api = await writer(who).api();
    const error = await expectRefusedUnchanged(app, () => write(text)(api), 'BAD_REQUEST');
    expect(error.message).toMatch(/Remove the invisible control character or the broken symbol/);
  });

  it.each(writes)(
    '%s still takes newlines, tabs, accents, joined emoji and right-to-left scripts',
    async (_procedure, who, write) => {
      const text = 'Line one\n\tLine two: café, 👩‍❤️‍👨, שלום, नमस्ते';
      await write(text)(await writer(who).api());
    },
  );
});

describe('the ceiling on the text one person keeps', () => {
  /** Brings this person's stored text to `free` bytes short of the ceiling, written straight into the table. */
  const fillUpTo = async (userId: string, free: number) => {
    const filler = STORED_TEXT_LIMIT_BYTES - free - (await storedTextBytes(app.database.db, userId));
    await app.database.db
      .insertInto('coach_notes')
      .values({
        id: `filler-${userId}`,
        coach_id: userId,
        couple_id: couple.coupleId,
        body: 'x'.repeat(filler),
        created_at: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-01T00:00:00.000Z',
      })
      .execute();
  };

  it.each(writes)(
    '%s refuses text that would go past it with 413 and a clear message, storing nothing',
    async (_procedure, who, write) => {
      const person = writer(who);
      await fillUpTo(person.user.id, 10);
      const api = await person.api();
      const error = await expectRefusedUnchanged(app, () => write('y'.repeat(40))(api), 'PAYLOAD_TOO_LARGE');
      expect(error.message).toBe(
        'Nothing was saved: this would take the text kept in your account past 5 MiB (notes, reflections, coach notes and measures together). Shorten or delete some first.',
      );
    },
  );

  const edits = writes.filter(([procedure]) => /already logged|an edit|updateNote/.test(procedure));

  it.each(edits)(
    '%s still takes an edit that shortens the text, even over the ceiling',
    async (_procedure, who, write) => {
      const person = writer(who);
      await fillUpTo(person.user.id, -1000);
      const before = await storedTextBytes(app.database.db, person.user.id);
      await write('short')(await person.api());
      expect(await storedTextBytes(app.database.db, person.user.id)).toBeLessThan(before);
    },
  );

  it('counts the UTF-8 bytes of notes, reflections, coach notes and focus notes, each toward its author', async () => {
    const [ana, casey] = [await couple.a.api(), await coach.api()];
    await ana.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(6), note: 'é 🌿' });
    await addReflection(app, couple.a.user.id, 'rituals', 'ü'.repeat(10));
    await casey.coach.assignFocus({ coupleId: couple.coupleId, practiceId: 'trust', note: 'Start small' });
    const db = app.database.db;
    expect(await storedTextBytes(db, couple.a.user.id)).toBe(
      ['A short note', 'A short reflection', 'é 🌿', 'ü'.repeat(10)].map(textBytes).reduce((a, b) => a + b),
    );
    expect(await storedTextBytes(db, coach.user.id)).toBe(textBytes('A short coach note') + textBytes('Start small'));
    expect(await storedTextBytes(db, couple.b.user.id)).toBe(0);
  });
});
