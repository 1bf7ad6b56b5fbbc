import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReflectionVisibility } from '#shared/schemas/reflection.schema';
import { resolveCoupleAccess, type CoupleAccess } from '#server/services/access.service';
import { readReflections, saveReflection } from '#server/services/reflection.service';
import { NotFound } from '#server/errors';
import { findUserById } from '#server/repositories/users.repository';
import { expectRefusedUnchanged } from '../helpers/assertions';
import { connectCoach, pairedCouple, signUpCoach, signUpPartner, WEDNESDAY, type Couple } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { sqlRows } from '../helpers/raw-sql';

let app: TestApp;
let couple: Couple;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await pairedCouple(app, ['Ana', 'Ben']);
});
afterEach(() => app.close());

const bodies = (list: { body: string }[]) => list.map((r) => r.body).sort();

/** Ana writes one reflection on trust for each visibility. */
async function anaWritesAll() {
  const api = await couple.a.api();
  const written: Record<ReflectionVisibility, string> = { private: '', partner: '', partner_and_coach: '' };
  for (const visibility of ['private', 'partner', 'partner_and_coach'] as const) {
    written[visibility] = (
      await api.reflection.save({ practiceId: 'trust', body: `Ana ${visibility}`, visibility })
    ).id;
  }
  return written;
}

describe('reflection.save', () => {
  it('creates a private reflection by default, trimmed, owned by the author', async () => {
    const saved = await (
      await couple.a.api()
    ).reflection.save({ practiceId: 'empathy', body: '  I listen better when I slow down.  ' });
    expect(saved).toMatchObject({
      practiceId: 'empathy',
      body: 'I listen better when I slow down.',
      visibility: 'private',
      author: { id: couple.a.user.id, displayName: 'Ana' },
      mine: true,
      createdAt: WEDNESDAY.toISOString(),
      updatedAt: WEDNESDAY.toISOString(),
    });
    expect(await (await couple.a.api()).reflection.list({ practiceId: 'empathy' })).toEqual([saved]);
    expect(await (await couple.b.api()).reflection.list({ practiceId: 'empathy' })).toEqual([]);
  });

  it('edits the author’s own reflection, keeping its visibility unless told', async () => {
    const api = await couple.a.api();
    const first = await api.reflection.save({ practiceId: 'trust', body: 'First thoughts', visibility: 'partner' });
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    const edited = await api.reflection.save({ id: first.id, practiceId: 'trust', body: 'Second thoughts' });
    expect(edited).toMatchObject({
      id: first.id,
      body: 'Second thoughts',
      visibility: 'partner',
      createdAt: first.createdAt,
    });
    expect(edited.updatedAt).not.toBe(first.updatedAt);
    expect(await api.reflection.list()).toHaveLength(1);
  });

  it('refuses bad input with BAD_REQUEST and changes nothing', async () => {
    const api = await couple.a.api();
    const cases: unknown[] = [
      { practiceId: 'trust', body: '' },
      { practiceId: 'trust', body: '    ' },
      { practiceId: 'trust', body: 'x'.repeat(4001) },
      { practiceId: 'love', body: 'Hello' },
      { practiceId: 'trust', body: 'Hello', visibility: 'everyone' },
      { practiceId: 'trust', body: 'Hello', userId: couple.b.user.id },
      { practiceId: 'trust', body: 42 },
    ];
    for (const input of cases)
      await expectRefusedUnchanged(app, () => api.reflection.save(input as never), 'BAD_REQUEST');
    expect((await api.reflection.save({ practiceId: 'trust', body: 'x'.repeat(4000) })).body).toHaveLength(4000);
  });

  it("answers someone else's reflection exactly like an unknown one, and changes nothing", async () => {
    const ids = await anaWritesAll();
    const ben = await couple.b.api();
    const calls = [
      () => ben.reflection.save({ id: ids.partner, practiceId: 'trust', body: 'Rewritten by Ben' }),
      () => ben.reflection.setVisibility({ id: ids.partner, visibility: 'private' }),
      () => ben.reflection.delete({ id: ids.partner }),
    ];
    const unknown = [
      () => ben.reflection.save({ id: 'no-such-id', practiceId: 'trust', body: 'Hello' }),
      () => ben.reflection.setVisibility({ id: 'no-such-id', visibility: 'private' }),
      () => ben.reflection.delete({ id: 'no-such-id' }),
    ];
    for (const [index, call] of calls.entries()) {
      const theirs = await expectRefusedUnchanged(app, call, 'NOT_FOUND');
      const missing = await expectRefusedUnchanged(app, unknown[index]!, 'NOT_FOUND');
      expect(theirs.message).toBe(missing.message);
    }
    // Ana's own reflection under another practice's question is not hers to move.
    await expectRefusedUnchanged(
      app,
      async () => (await couple.a.api()).reflection.save({ id: ids.partner, practiceId: 'empathy', body: 'Moved' }),
      'NOT_FOUND',
    );
  });
});

describe('saving the same draft again (draftKey)', () => {
  const KEY = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';
  const OTHER_KEY = '7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  const rowsOfDraft = async () =>
    await sqlRows(app, 'SELECT id, user_id, body FROM reflections WHERE draft_key = ?', KEY);

  it('a retry returns the reflection the first call made, unchanged, and makes no second', async () => {
    const api = await couple.a.api();
    const first = await api.reflection.save({
      practiceId: 'trust',
      body: 'I trust you more when you tell me early.',
      visibility: 'partner',
      draftKey: KEY,
    });
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    const again = await api.reflection.save({
      practiceId: 'trust',
      body: 'I trust you more when you tell me early.',
      visibility: 'partner',
      draftKey: KEY,
    });
    expect(again).toEqual(first);
    expect(await api.reflection.list()).toEqual([first]);
    expect(bodies(await (await couple.b.api()).reflection.list())).toEqual([
      'I trust you more when you tell me early.',
    ]);
  });

  it('a double submit (both calls in flight at once) makes one reflection', async () => {
    const api = await couple.a.api();
    const input = { practiceId: 'rituals' as const, body: 'Sunday coffee, phones away.', draftKey: KEY };
    const [one, two, three] = await Promise.all([
      api.reflection.save(input),
      api.reflection.save(input),
      api.reflection.save(input),
    ]);
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    expect(await rowsOfDraft()).toHaveLength(1);
    expect(await api.reflection.list()).toEqual([one]);
  });

  it('a repeat with other words (edited after an answer that never arrived) keeps one reflection, with the last words', async () => {
    const api = await couple.a.api();
    const first = await api.reflection.save({ practiceId: 'empathy', body: 'First try', draftKey: KEY });
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    const second = await api.reflection.save({
      practiceId: 'empathy',
      body: 'Second try',
      visibility: 'partner',
      draftKey: KEY,
    });
    // The last words, but the readers it was first saved with: a repeat never changes who reads it.
    expect(second).toMatchObject({
      id: first.id,
      body: 'Second try',
      visibility: 'private',
      createdAt: first.createdAt,
    });
    expect(second.updatedAt).not.toBe(first.updatedAt);
    expect(await api.reflection.list()).toEqual([second]);
    expect(bodies(await (await couple.b.api()).reflection.list())).toEqual([]);
    // Once changed since (here by the repeat itself), a later repeat changes nothing.
    const third = await api.reflection.save({ practiceId: 'empathy', body: 'Third try', draftKey: KEY });
    expect(third).toEqual(second);
  });

  it('a repeat after the author shared it changes nothing: words typed as private reach no partner', async () => {
    const api = await couple.a.api();
    const first = await api.reflection.save({ practiceId: 'trust', body: 'First words', draftKey: KEY });
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    await api.reflection.setVisibility({ id: first.id, visibility: 'partner' });
    app.setNow(new Date(WEDNESDAY.getTime() + 120_000));
    // The first form, whose answer was lost, saved again with more words, still marked private.
    const again = await api.reflection.save({ practiceId: 'trust', body: 'First words, and more', draftKey: KEY });
    expect(again).toMatchObject({ id: first.id, body: 'First words', visibility: 'partner' });
    expect(bodies(await (await couple.b.api()).reflection.list())).toEqual(['First words']);

    // The same for one saved shared, made private and shared again: the second sharing is since it was saved.
    const shared = await api.reflection.save({
      practiceId: 'empathy',
      body: 'Shared words',
      visibility: 'partner',
      draftKey: OTHER_KEY,
    });
    await api.reflection.setVisibility({ id: shared.id, visibility: 'private' });
    app.setNow(new Date(WEDNESDAY.getTime() + 180_000));
    await api.reflection.setVisibility({ id: shared.id, visibility: 'partner' });
    await api.reflection.save({
      practiceId: 'empathy',
      body: 'Other words',
      visibility: 'partner',
      draftKey: OTHER_KEY,
    });
    expect(bodies(await (await couple.b.api()).reflection.list())).toEqual(['First words', 'Shared words']);
  });

  it('a repeat of a draft saved shared takes new words only for the same readers', async () => {
    const api = await couple.a.api();
    const first = await api.reflection.save({
      practiceId: 'trust',
      body: 'For Ben',
      visibility: 'partner',
      draftKey: KEY,
    });
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    // The answer was lost; the author switched the form to private and wrote on.
    const switched = await api.reflection.save({
      practiceId: 'trust',
      body: 'For Ben, and just for me',
      draftKey: KEY,
    });
    expect(switched).toMatchObject({ id: first.id, body: 'For Ben', visibility: 'partner' });
    // Sent again with the choice it was saved with, it takes the words sent last.
    const same = await api.reflection.save({
      practiceId: 'trust',
      body: 'For Ben, and more',
      visibility: 'partner',
      draftKey: KEY,
    });
    expect(same).toMatchObject({ id: first.id, body: 'For Ben, and more', visibility: 'partner' });
    expect(bodies(await (await couple.b.api()).reflection.list())).toEqual(['For Ben, and more']);
  });

  it('an edit racing a deletion of the same reflection is not found, never a 500', async () => {
    const api = await couple.a.api();
    const { id } = await api.reflection.save({ practiceId: 'trust', body: 'Soon gone' });
    const caller = (await findUserById(app.deps.db, couple.a.user.id))!;
    // The deletion (another tab) commits right after the edit has read the reflection, before it writes. On SQLite,
    // Kysely holds its one connection while a result is handed back, so the deletion goes by the raw connection, as
    // another process's would; PostgreSQL's pool has another connection for the real call.
    const database = app.database;
    const deleteIt = async () => {
      if (database.kind === 'sqlite') database.sqlite.prepare('DELETE FROM reflections WHERE id = ?').run(id);
      else await api.reflection.delete({ id });
    };
    let deleted = false;
    const db = app.deps.db.withPlugin({
      transformQuery: ({ node }) => node,
      async transformResult({ result }) {
        if (!deleted) {
          deleted = true;
          await deleteIt();
        }
        return result;
      },
    });
    await expect(
      saveReflection({ ...app.deps, db }, caller, { id, practiceId: 'trust', body: 'Edited words' }),
    ).rejects.toThrow(NotFound);
    expect(deleted).toBe(true);
    expect(await api.reflection.list()).toEqual([]);
  });

  it('the same key from another person makes their own reflection, and neither reveals nor touches the first', async () => {
    const ana = await couple.a.api();
    const ben = await couple.b.api();
    const anas = await ana.reflection.save({ practiceId: 'trust', body: 'Ana, private', draftKey: KEY });
    const before = await ana.reflection.list();
    const bens = await ben.reflection.save({ practiceId: 'trust', body: 'Ben, private', draftKey: KEY });
    expect(bens.id).not.toBe(anas.id);
    expect(bens).toMatchObject({ body: 'Ben, private', author: { id: couple.b.user.id }, mine: true });
    expect(JSON.stringify(bens)).not.toContain('Ana');
    expect(await ana.reflection.list()).toEqual(before);
    expect(bodies(await ben.reflection.list())).toEqual(['Ben, private']);
    // A stranger in another couple, too.
    const stranger = await (await pairedCouple(app, ['Sam', 'Tess'])).a.api();
    expect((await stranger.reflection.save({ practiceId: 'trust', body: 'Sam', draftKey: KEY })).id).not.toBe(anas.id);
    expect(await rowsOfDraft()).toHaveLength(3);
  });

  it('refuses a key already used for another question (CONFLICT), a key with an edit and a malformed key (BAD_REQUEST)', async () => {
    const api = await couple.a.api();
    const saved = await api.reflection.save({ practiceId: 'trust', body: 'On trust', draftKey: KEY });
    await expectRefusedUnchanged(
      app,
      () => api.reflection.save({ practiceId: 'patience', body: 'On patience', draftKey: KEY }),
      'CONFLICT',
    );
    for (const input of [
      { id: saved.id, practiceId: 'trust', body: 'Edited', draftKey: KEY },
      { practiceId: 'trust', body: 'Hello', draftKey: 'short' },
      { practiceId: 'trust', body: 'Hello', draftKey: 'x'.repeat(65) },
      { practiceId: 'trust', body: 'Hello', draftKey: 'has spaces in it' },
      { practiceId: 'trust', body: 'Hello', draftKey: 42 },
    ]) {
      await expectRefusedUnchanged(app, () => api.reflection.save(input as never), 'BAD_REQUEST');
    }
    expect(await api.reflection.list()).toEqual([saved]);
  });

  it('without a key every call makes a new reflection, as before', async () => {
    const api = await couple.a.api();
    await api.reflection.save({ practiceId: 'trust', body: 'Same words' });
    await api.reflection.save({ practiceId: 'trust', body: 'Same words' });
    expect(await api.reflection.list()).toHaveLength(2);
  });
});

describe('who reads what', () => {
  it('the author reads all of their own; the partner only what was shared; a stranger nothing of the couple', async () => {
    await anaWritesAll();
    expect(bodies(await (await couple.a.api()).reflection.list())).toEqual([
      'Ana partner',
      'Ana partner_and_coach',
      'Ana private',
    ]);
    const forBen = await (await couple.b.api()).reflection.list({ coupleId: couple.coupleId, practiceId: 'trust' });
    expect(bodies(forBen)).toEqual(['Ana partner', 'Ana partner_and_coach']);
    expect(forBen.every((r) => !r.mine && r.author.displayName === 'Ana')).toBe(true);

    const others = await pairedCouple(app, ['Sam', 'Tess']);
    expect(await (await others.a.api()).reflection.list()).toEqual([]);
    await expectRefusedUnchanged(
      app,
      async () => (await others.a.api()).reflection.list({ coupleId: couple.coupleId }),
      'FORBIDDEN',
    );
  });

  it('one click shares with the partner, and one more makes it private again', async () => {
    const ana = await couple.a.api();
    const ben = await couple.b.api();
    const { id } = await ana.reflection.save({ practiceId: 'rituals', body: 'Our Sunday coffee matters to me.' });
    expect(await ben.reflection.list({ practiceId: 'rituals' })).toEqual([]);
    expect(await ana.reflection.setVisibility({ id, visibility: 'partner' })).toMatchObject({
      id,
      visibility: 'partner',
    });
    expect(bodies(await ben.reflection.list({ practiceId: 'rituals' }))).toEqual(['Our Sunday coffee matters to me.']);
    await ana.reflection.setVisibility({ id, visibility: 'private' });
    expect(await ben.reflection.list({ practiceId: 'rituals' })).toEqual([]);
    expect(await ana.reflection.delete({ id })).toEqual({ ok: true });
    expect(await ana.reflection.list()).toEqual([]);
  });

  it('a partner who left sees none of their former partner’s, and keeps their own', async () => {
    await anaWritesAll();
    await (await couple.b.api()).reflection.save({ practiceId: 'trust', body: 'Ben private' });
    await app.deps.db.deleteFrom('couple_members').where('user_id', '=', couple.b.user.id).execute();
    expect(bodies(await (await couple.b.api()).reflection.list())).toEqual(['Ben private']);
  });

  it('a loner writes and reads their own', async () => {
    const loner = await signUpPartner(app, 'Lone');
    await (
      await loner.api()
    ).reflection.save({ practiceId: 'patience', body: 'Waiting for my partner to join.', visibility: 'partner' });
    expect(bodies(await (await loner.api()).reflection.list())).toEqual(['Waiting for my partner to join.']);
  });

  it("a coach's access (viewerRole coach) reads only what was shared with the coach, never a private one", async () => {
    // The coach reads only what was shared while their access lasts, so they are let in first.
    const coach = await signUpCoach(app, 'Coach Kim');
    await connectCoach(couple, coach);
    await anaWritesAll();
    await (await couple.b.api()).reflection.save({ practiceId: 'trust', body: 'Ben private' });
    await (
      await couple.b.api()
    ).reflection.save({ practiceId: 'trust', body: 'Ben for the coach', visibility: 'partner_and_coach' });
    // The coach's consent comes from the coach workspace; the reading rule is decided by the access object alone.
    const partnerAccess = await resolveCoupleAccess(
      app.deps.db,
      (await findUserById(app.deps.db, couple.a.user.id))!,
      undefined,
    );
    const coachAccess: CoupleAccess = { ...partnerAccess, viewerId: coach.user.id, viewerRole: 'coach' };
    const forCoach = await readReflections(app.deps, coachAccess, undefined);
    expect(bodies(forCoach)).toEqual(['Ana partner_and_coach', 'Ben for the coach']);
    expect(forCoach.every((r) => !r.mine)).toBe(true);
    expect(bodies(await readReflections(app.deps, coachAccess, 'empathy'))).toEqual([]);
  });
});
