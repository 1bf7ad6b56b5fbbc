import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addWeeks } from '#shared/week';
import { FOCUS_CHANGES_PER_DAY } from '#server/services/focus.service';
import { expectRefusedUnchanged } from '../helpers/assertions';
import {
  pairedCouple,
  signUpCoach,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
  type Person,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

let app: TestApp;
let couple: Couple;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await pairedCouple(app, ['Ana', 'Ben']);
});
afterEach(() => app.close());

/** Moves the app's clock by whole weeks from the Wednesday every test starts on. */
const weeksLater = (n: number) => app.setNow(new Date(WEDNESDAY.getTime() + n * WEEK_MS));

async function logWeeks(
  person: Person,
  weeksBack: number[],
  ratings: Parameters<typeof ratingsOf>[0],
  thisWeek = THIS_WEEK,
) {
  const api = await person.api();
  for (const back of weeksBack)
    await api.assessment.submit({ week: addWeeks(thisWeek, -back), ratings: ratingsOf(ratings) });
}

describe('focus.adopt and focus.list', () => {
  it('starts a focus this week, names who adopted it, and both partners see the same', async () => {
    const adopted = await (await couple.a.api()).focus.adopt({ practiceId: 'trust' });
    expect(adopted).toMatchObject({
      practiceId: 'trust',
      startWeek: THIS_WEEK,
      endWeek: null,
      adoptedBy: { id: couple.a.user.id, displayName: 'Ana' },
      adoptedAt: WEDNESDAY.toISOString(),
      endedAt: null,
    });
    const forBen = await (await couple.b.api()).focus.list();
    expect(forBen).toEqual({ current: adopted, history: [adopted] });
    expect(await (await couple.a.api()).focus.list({ coupleId: couple.coupleId })).toEqual(forBen);
  });

  it('adopting another practice ends the current focus in the week of the change; the history keeps both', async () => {
    const first = await (await couple.a.api()).focus.adopt({ practiceId: 'trust' });
    weeksLater(3);
    const second = await (await couple.b.api()).focus.adopt({ practiceId: 'empathy' });
    expect(second).toMatchObject({
      practiceId: 'empathy',
      startWeek: addWeeks(THIS_WEEK, 3),
      adoptedBy: { displayName: 'Ben' },
    });
    const list = await (await couple.a.api()).focus.list();
    expect(list.current).toEqual(second);
    expect(list.history.map((f) => [f.practiceId, f.startWeek, f.endWeek])).toEqual([
      ['empathy', addWeeks(THIS_WEEK, 3), null],
      ['trust', THIS_WEEK, addWeeks(THIS_WEEK, 3)],
    ]);
    expect(list.history[1]).toMatchObject({
      id: first.id,
      endedAt: new Date(WEDNESDAY.getTime() + 3 * WEEK_MS).toISOString(),
    });
  });

  it('adopting the practice that is already the focus changes nothing and returns it', async () => {
    const first = await (await couple.a.api()).focus.adopt({ practiceId: 'trust' });
    weeksLater(1);
    const again = await (await couple.b.api()).focus.adopt({ practiceId: 'trust' });
    expect(again).toEqual(first);
    expect((await (await couple.a.api()).focus.list()).history).toHaveLength(1);
  });

  it('focus.clear stops the focus; clearing again is harmless; the history remains', async () => {
    await (await couple.a.api()).focus.adopt({ practiceId: 'rituals' });
    weeksLater(2);
    expect(await (await couple.b.api()).focus.clear()).toEqual({ ok: true });
    expect(await (await couple.b.api()).focus.clear({})).toEqual({ ok: true });
    const list = await (await couple.a.api()).focus.list();
    expect(list.current).toBeNull();
    expect(list.history).toMatchObject([{ practiceId: 'rituals', endWeek: addWeeks(THIS_WEEK, 2) }]);
  });

  it('refuses a partner without a couple with a clear CONFLICT, and an unknown practice with BAD_REQUEST', async () => {
    const loner = await signUpPartner(app, 'Lone');
    const refused = await expectRefusedUnchanged(
      app,
      async () => (await loner.api()).focus.adopt({ practiceId: 'trust' }),
      'CONFLICT',
    );
    expect(refused.message).toMatch(/pair with your partner/i);
    await expectRefusedUnchanged(app, async () => (await loner.api()).focus.clear(), 'CONFLICT');
    expect(await (await loner.api()).focus.list()).toEqual({ current: null, history: [] });
    const api = await couple.a.api();
    for (const input of [
      { practiceId: 'love' },
      { practiceId: '' },
      { practiceId: 'trust', coupleId: couple.coupleId },
      {},
    ]) {
      await expectRefusedUnchanged(app, () => api.focus.adopt(input as never), 'BAD_REQUEST');
    }
  });

  it('shows nobody as the adopter once that account is gone, and keeps the focus', async () => {
    await (await couple.a.api()).focus.adopt({ practiceId: 'presence' });
    await app.deps.db.updateTable('couple_focuses').set({ adopted_by: null }).execute();
    expect((await (await couple.b.api()).focus.list()).current).toMatchObject({
      practiceId: 'presence',
      adoptedBy: null,
    });
  });
});

describe('how often a couple may change its focus', () => {
  it(`takes ${FOCUS_CHANGES_PER_DAY} changes a day from each partner, then refuses with TOO_MANY_REQUESTS and changes nothing`, async () => {
    const [ana, ben] = [await couple.a.api(), await couple.b.api()];
    // Calls that change nothing count for nothing: clearing no focus, adopting the current one again.
    await ana.focus.clear();
    for (let i = 0; i < FOCUS_CHANGES_PER_DAY; i++) {
      const practiceId = i % 2 === 0 ? 'trust' : 'empathy';
      await ana.focus.adopt({ practiceId });
      // (At the limit, even a call that would change nothing is refused: it is counted before it is known.)
      if (i < FOCUS_CHANGES_PER_DAY - 1) await ana.focus.adopt({ practiceId });
    }
    const refused = await expectRefusedUnchanged(
      app,
      () => ana.focus.adopt({ practiceId: 'patience' }),
      'TOO_MANY_REQUESTS',
    );
    expect(refused.message).toMatch(/many times today/);
    await expectRefusedUnchanged(app, () => ana.focus.clear(), 'TOO_MANY_REQUESTS');
    // Ben's share is his own: Ana cannot use it up.
    expect((await ben.focus.adopt({ practiceId: 'patience' })).practiceId).toBe('patience');
    await ben.focus.clear();
  });
});

describe('suggestion.next with an adopted focus', () => {
  /** Ana and Ben both rate trust lowest: the numbers alone suggest trust. */
  async function trustIsLowest(thisWeek = THIS_WEEK) {
    await logWeeks(couple.a, [1, 2, 3], { ...ratingsOf(7), trust: 3 }, thisWeek);
    await logWeeks(couple.b, [1, 2, 3], { ...ratingsOf(7), trust: 4 }, thisWeek);
  }

  it('keeps a freshly adopted focus first for two weeks, then lets the numbers lead again', async () => {
    await trustIsLowest();
    expect((await (await couple.a.api()).suggestion.next()).practiceId).toBe('trust');
    await (await couple.a.api()).focus.adopt({ practiceId: 'celebration' });

    const now = await (await couple.b.api()).suggestion.next();
    expect(now.practiceId).toBe('celebration');
    expect(now.ranking[0]!.practiceId).toBe('celebration');
    expect(now.reasons[0]).toMatch(/you chose .*celebrat.* this week/i);

    weeksLater(1);
    expect((await (await couple.b.api()).suggestion.next()).practiceId).toBe('celebration');

    weeksLater(2);
    await trustIsLowest(addWeeks(THIS_WEEK, 2));
    expect((await (await couple.a.api()).suggestion.next()).practiceId).toBe('trust');
  });

  it('lets a sharp fall in another practice come before a young focus', async () => {
    await logWeeks(couple.a, [2, 3, 4, 5], 8);
    await logWeeks(couple.b, [2, 3, 4, 5], 8);
    await logWeeks(couple.a, [0, 1], { ...ratingsOf(8), empathy: 3 });
    await logWeeks(couple.b, [0, 1], { ...ratingsOf(8), empathy: 4 });
    await (await couple.a.api()).focus.adopt({ practiceId: 'celebration' });
    const result = await (await couple.a.api()).suggestion.next();
    expect(result.practiceId).toBe('empathy');
    expect(result.reasons[0]).toMatch(/before your focus on/i);
  });
});

describe("suggestion.next with a coach's focus", () => {
  async function assignCoachFocus(
    coach: Person,
    practiceId: string,
    note: string | null,
    assignedAt: string,
    linked = true,
  ) {
    const db = app.deps.db;
    if (linked)
      await db
        .insertInto('coach_links')
        .values({ couple_id: couple.coupleId, coach_id: coach.user.id, created_at: assignedAt })
        .execute();
    await db
      .insertInto('coach_focuses')
      .values({
        couple_id: couple.coupleId,
        coach_id: coach.user.id,
        practice_id: practiceId,
        note,
        assigned_at: assignedAt,
      })
      .execute();
  }

  it("puts the linked coach's most recent choice first, with their name and note, over the couple's own focus", async () => {
    await logWeeks(couple.a, [1, 2], { ...ratingsOf(7), trust: 2 });
    await logWeeks(couple.b, [1, 2], { ...ratingsOf(7), trust: 2 });
    await (await couple.a.api()).focus.adopt({ practiceId: 'celebration' });
    const [older, newer] = [await signUpCoach(app, 'Olive'), await signUpCoach(app, 'Nora')];
    await assignCoachFocus(older, 'presence', null, '2026-11-20T10:00:00.000Z');
    await assignCoachFocus(newer, 'rituals', 'Try a Sunday walk.', '2026-11-24T10:00:00.000Z');

    const result = await (await couple.b.api()).suggestion.next();
    expect(result.practiceId).toBe('rituals');
    expect(result.reasons[0]).toMatch(/Nora/);
    expect(result.reasons[0]).toContain('Try a Sunday walk.');
  });

  it('ignores the focus of a coach without a link (never invited, or revoked)', async () => {
    await logWeeks(couple.a, [1, 2], { ...ratingsOf(7), trust: 2 });
    await logWeeks(couple.b, [1, 2], { ...ratingsOf(7), trust: 2 });
    const revoked = await signUpCoach(app, 'Rex');
    await assignCoachFocus(revoked, 'presence', 'Slow down.', '2026-11-24T10:00:00.000Z');
    expect((await (await couple.a.api()).suggestion.next()).practiceId).toBe('presence');

    await app.deps.db.deleteFrom('coach_links').where('coach_id', '=', revoked.user.id).execute();
    const after = await (await couple.a.api()).suggestion.next();
    expect(after.practiceId).toBe('trust');
    expect(after.reasons.join(' ')).not.toMatch(/Rex|Slow down/);

    const stranger = await signUpCoach(app, 'Stan');
    await assignCoachFocus(stranger, 'patience', null, '2026-11-25T10:00:00.000Z', false);
    expect((await (await couple.a.api()).suggestion.next()).practiceId).toBe('trust');
  });
});

describe('dashboard.get focus bands', () => {
  it('carries the focus periods within the range, placed on the chart weeks', async () => {
    await (await couple.a.api()).focus.adopt({ practiceId: 'trust' });
    weeksLater(2);
    await (await couple.b.api()).focus.adopt({ practiceId: 'empathy' });
    weeksLater(3);
    const dto = await (await couple.a.api()).dashboard.get({ range: '12w' });
    expect(dto.focusBands).toEqual([
      {
        practiceId: 'trust',
        fromWeek: THIS_WEEK,
        toWeek: addWeeks(THIS_WEEK, 1),
        fromPeriod: THIS_WEEK,
        toPeriod: addWeeks(THIS_WEEK, 1),
      },
      {
        practiceId: 'empathy',
        fromWeek: addWeeks(THIS_WEEK, 2),
        toWeek: null,
        fromPeriod: addWeeks(THIS_WEEK, 2),
        toPeriod: addWeeks(THIS_WEEK, 3),
      },
    ]);
    const points = dto.connection.map((p) => p.period);
    for (const band of dto.focusBands) expect(points).toEqual(expect.arrayContaining([band.fromPeriod, band.toPeriod]));
  });

  it('has no bands before pairing or without a focus', async () => {
    const loner = await signUpPartner(app, 'Lone');
    expect((await (await loner.api()).dashboard.get()).focusBands).toEqual([]);
    expect((await (await couple.a.api()).dashboard.get()).focusBands).toEqual([]);
  });
});
