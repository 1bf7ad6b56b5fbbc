import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRefusedUnchanged } from '../helpers/assertions';
import {
  connectCoach,
  LAST_WEEK,
  pairedCouple,
  signUpCoach,
  WEDNESDAY,
  type Couple,
  type Person,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { sqlRows } from '../helpers/raw-sql';

let app: TestApp;
let couple: Couple;
let coach: Person;

beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await pairedCouple(app, ['Ana', 'Ben']);
  coach = await signUpCoach(app, 'Coach Casey');
  await connectCoach(couple, coach);
});
afterEach(async () => {
  await app.close();
});

const target = () => ({ coupleId: couple.coupleId });
const focusRows = async () =>
  await sqlRows(app, 'SELECT couple_id, coach_id, practice_id, note, assigned_at FROM coach_focuses');

describe('coach.assignFocus', () => {
  it('stores one focus per coach and couple, replaces it, and clears it with null', async () => {
    const api = await coach.api();
    expect(await api.coach.assignFocus({ ...target(), practiceId: 'trust', note: '  Start small.  ' })).toEqual({
      ok: true,
    });
    expect(await focusRows()).toEqual([
      {
        couple_id: couple.coupleId,
        coach_id: coach.user.id,
        practice_id: 'trust',
        note: 'Start small.',
        assigned_at: WEDNESDAY.toISOString(),
      },
    ]);
    expect(await api.coach.focus(target())).toEqual({
      practiceId: 'trust',
      note: 'Start small.',
      assignedAt: WEDNESDAY.toISOString(),
    });

    await api.coach.assignFocus({ ...target(), practiceId: 'empathy' });
    expect(await focusRows()).toEqual([expect.objectContaining({ practice_id: 'empathy', note: null })]);

    await api.coach.assignFocus({ ...target(), practiceId: null });
    expect(await focusRows()).toEqual([]);
    expect(await api.coach.focus(target())).toBeNull();
  });

  it('refuses an unknown practice, a long note, a partner, and a coach without consent, changing nothing', async () => {
    const api = await coach.api();
    await expectRefusedUnchanged(
      app,
      () => api.coach.assignFocus({ ...target(), practiceId: 'jealousy' as never }),
      'BAD_REQUEST',
    );
    await expectRefusedUnchanged(
      app,
      () => api.coach.assignFocus({ ...target(), practiceId: 'trust', note: 'x'.repeat(501) }),
      'BAD_REQUEST',
    );
    await expectRefusedUnchanged(
      app,
      async () => (await couple.a.api()).coach.assignFocus({ ...target(), practiceId: 'trust' }),
      'FORBIDDEN',
    );
    const stranger = await signUpCoach(app);
    await expectRefusedUnchanged(
      app,
      async () => (await stranger.api()).coach.assignFocus({ ...target(), practiceId: 'trust' }),
      'FORBIDDEN',
    );
  });

  it("puts the coach's focus first in the couple's suggestion, with the coach's reason, until it is cleared", async () => {
    await (await couple.a.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(7, { patience: 2 }) });
    await (await couple.b.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(7) });
    const api = await coach.api();
    // Left to the check-ins, patience (rated 2) would come first.
    expect((await api.suggestion.next(target())).practiceId).toBe('patience');
    await api.coach.assignFocus({ ...target(), practiceId: 'celebration', note: 'Notice one thing a week.' });
    const suggestion = await api.suggestion.next(target());
    expect(suggestion.practiceId).toBe('celebration');
    expect(suggestion.ranking).toHaveLength(10);
    expect(suggestion.ranking[0]!.practiceId).toBe(suggestion.practiceId);
    expect(suggestion.basis).toBe('coach');
    // The coach reads their own choice as theirs; the couple reads it as their coach's, in the same ranking.
    expect(suggestion.reasons[0]).toMatch(/^You chose celebration for them to focus on/);
    const { reasons: toCouple, ...forCouple } = await (await couple.a.api()).suggestion.next();
    expect({ ...forCouple, reasons: suggestion.reasons }).toEqual(suggestion);
    expect(toCouple[0]).toMatch(/^Your coach, .+, chose celebration for you to focus on/);

    await api.coach.assignFocus({ ...target(), practiceId: null });
    expect((await api.suggestion.next(target())).practiceId).toBe('patience');
  });
});

describe("the couple's focus history, read by their coach", () => {
  it('lists the focuses the couple adopted, newest first, and logs the read for the couple', async () => {
    const row = (id: string, practice_id: string, start_week: string, end_week: string | null) => ({
      id,
      couple_id: couple.coupleId,
      practice_id,
      start_week,
      end_week,
      adopted_by: couple.a.user.id,
      adopted_at: WEDNESDAY.toISOString(),
      ended_at: null,
    });
    await app.deps.db
      .insertInto('couple_focuses')
      .values([row('f1', 'trust', '2026-W40', '2026-W44'), row('f2', 'empathy', '2026-W44', null)])
      .execute();
    const { current, history } = await (await coach.api()).focus.list(target());
    expect(current).toMatchObject({ practiceId: 'empathy', startWeek: '2026-W44', endWeek: null });
    expect(history.map((f) => [f.practiceId, f.startWeek, f.endWeek])).toEqual([
      ['empathy', '2026-W44', null],
      ['trust', '2026-W40', '2026-W44'],
    ]);
    expect((await (await couple.a.api()).couple.coachAccessLog()).map((r) => r.what)).toEqual(['focuses']);
  });
});

describe('coach notes', () => {
  it('are the coach’s own: added, listed newest first, edited, deleted', async () => {
    const api = await coach.api();
    const first = await api.coach.addNote({ ...target(), body: ' First session. ' });
    expect(first).toMatchObject({ body: 'First session.', createdAt: WEDNESDAY.toISOString() });
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    const second = await api.coach.addNote({ ...target(), body: 'Second session.' });
    expect((await api.coach.listNotes(target())).map((n) => n.id)).toEqual([second.id, first.id]);

    app.setNow(new Date(WEDNESDAY.getTime() + 120_000));
    await api.coach.updateNote({ ...target(), noteId: first.id, body: 'First session, revised.' });
    expect((await api.coach.listNotes(target()))[1]).toEqual({
      id: first.id,
      body: 'First session, revised.',
      createdAt: WEDNESDAY.toISOString(),
      updatedAt: new Date(WEDNESDAY.getTime() + 120_000).toISOString(),
    });
    await api.coach.deleteNote({ ...target(), noteId: second.id });
    expect((await api.coach.listNotes(target())).map((n) => n.id)).toEqual([first.id]);
  });

  it('are invisible and untouchable to another coach of the same couple, and never reach the partners', async () => {
    const note = await (await coach.api()).coach.addNote({ ...target(), body: 'Only for me.' });
    const dana = await signUpCoach(app, 'Coach Dana');
    await connectCoach(couple, dana);
    const other = await dana.api();
    expect(await other.coach.listNotes(target())).toEqual([]);
    await expectRefusedUnchanged(
      app,
      () => other.coach.updateNote({ ...target(), noteId: note.id, body: 'Mine now.' }),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(app, () => other.coach.deleteNote({ ...target(), noteId: note.id }), 'NOT_FOUND');
    const partner = await couple.a.api();
    for (const result of [
      await partner.couple.get(),
      await partner.dashboard.get({ range: 'all' }),
      await partner.couple.coachAccessLog(),
    ]) {
      expect(JSON.stringify(result)).not.toContain('Only for me.');
    }
  });

  it('adding the same draft again (a retry, a double submit) keeps one note', async () => {
    const api = await coach.api();
    const key = 'b2f7c1d4-0e9a-4b3c-9d8e-7f6a5b4c3d2e';
    const first = await api.coach.addNote({ ...target(), body: 'Talked about Sundays.', draftKey: key });
    app.setNow(new Date(WEDNESDAY.getTime() + 60_000));
    expect(await api.coach.addNote({ ...target(), body: 'Talked about Sundays.', draftKey: key })).toEqual(first);
    const [one, two] = await Promise.all([
      api.coach.addNote({ ...target(), body: 'Talked about Sundays.', draftKey: key }),
      api.coach.addNote({ ...target(), body: 'Talked about Sundays.', draftKey: key }),
    ]);
    expect(one).toEqual(first);
    expect(two).toEqual(first);
    expect(await api.coach.listNotes(target())).toEqual([first]);

    // Edited after an answer that never arrived: still one note, with the words sent last.
    app.setNow(new Date(WEDNESDAY.getTime() + 120_000));
    const revised = await api.coach.addNote({ ...target(), body: 'Talked about Sundays and Mondays.', draftKey: key });
    expect(revised).toEqual({
      id: first.id,
      body: 'Talked about Sundays and Mondays.',
      createdAt: first.createdAt,
      updatedAt: new Date(WEDNESDAY.getTime() + 120_000).toISOString(),
    });
    expect(await api.coach.listNotes(target())).toEqual([revised]);

    // Without a key, each call is a new note, as before.
    await api.coach.addNote({ ...target(), body: 'Same words' });
    await api.coach.addNote({ ...target(), body: 'Same words' });
    expect(await api.coach.listNotes(target())).toHaveLength(3);
  });

  it('a draft key is the coach’s own: another coach’s same key makes their own note; another couple is refused', async () => {
    const key = 'c3a8d2e5-1f0b-4c4d-8e9f-0a1b2c3d4e5f';
    const casey = await coach.api();
    const mine = await casey.coach.addNote({ ...target(), body: 'Casey’s note.', draftKey: key });
    const dana = await signUpCoach(app, 'Coach Dana');
    await connectCoach(couple, dana);
    const danas = await (await dana.api()).coach.addNote({ ...target(), body: 'Dana’s note.', draftKey: key });
    expect(danas.id).not.toBe(mine.id);
    expect(danas.body).toBe('Dana’s note.');
    expect(await casey.coach.listNotes(target())).toEqual([mine]);
    expect(await (await dana.api()).coach.listNotes(target())).toEqual([danas]);

    // The same key on another of Casey's couples is not the same draft: refused, nothing written or revealed.
    const others = await pairedCouple(app, ['Sam', 'Tess']);
    await connectCoach(others, coach);
    const error = await expectRefusedUnchanged(
      app,
      () => casey.coach.addNote({ coupleId: others.coupleId, body: 'For Sam and Tess.', draftKey: key }),
      'CONFLICT',
    );
    expect(error.message).not.toContain('Casey’s note.');
    await expectRefusedUnchanged(
      app,
      () => casey.coach.addNote({ ...target(), body: 'Hello', draftKey: 'no good' }),
      'BAD_REQUEST',
    );
  });

  it('refuses an empty or oversized note', async () => {
    const api = await coach.api();
    await expectRefusedUnchanged(app, () => api.coach.addNote({ ...target(), body: '   ' }), 'BAD_REQUEST');
    await expectRefusedUnchanged(app, () => api.coach.addNote({ ...target(), body: 'x'.repeat(5001) }), 'BAD_REQUEST');
  });
});
