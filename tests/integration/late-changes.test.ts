import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportDigest } from '#server/services/account-export.service';
import type { AccountExport } from '#shared/schemas/account-export.schema';
import type { Ratings } from '#shared/schemas/common.schema';
import { expectRefusedUnchanged } from '../helpers/assertions';
import {
  connectCoach,
  LAST_WEEK,
  NEXT_WEEK,
  pairedCouple,
  signUpCoach,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
  type Person,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { sqlRow } from '../helpers/raw-sql';

let app: TestApp;
let couple: Couple;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await pairedCouple(app);
});
afterEach(async () => {
  await app.close();
});

let minute = 0;
/** Each step a minute after the last, so "before" and "after" are never the same moment. */
const later = () => app.setNow(new Date(WEDNESDAY.getTime() + ++minute * 60_000));
const submit = async (person: Person, ratings: Ratings, note?: string) => {
  later();
  await (await person.api()).assessment.submit({ week: THIS_WEEK, ratings, ...(note === undefined ? {} : { note }) });
};
/** What `viewer` is told about Ana's and Ben's check-ins this week, in that order (null: no entry to see). */
const toldTo = async (viewer: Person, coupleId?: string) => {
  const api = await viewer.api();
  const input = coupleId ? { coupleId } : {};
  const history = await api.assessment.history({ ...input, fromWeek: THIS_WEEK });
  const dashboard = await api.dashboard.get({ ...input, range: '12w' });
  const people = [couple.a.user.id, couple.b.user.id];
  return {
    history: people.map(
      (id) =>
        history.partners.find((p) => p.userId === id)!.entries.find((e) => e.week === THIS_WEEK)
          ?.changedAfterBothAnswered ?? null,
    ),
    dashboard: people.map(
      (id) => dashboard.changedAfterBothAnswered[dashboard.partners.findIndex((p) => p.userId === id)],
    ),
  };
};

describe('ratings changed after both partners had answered the week', () => {
  it('are named to the partner, the person who changed them and the coach, in history and on the dashboard', async () => {
    const coach = await signUpCoach(app);
    await connectCoach(couple, coach);
    await submit(couple.a, ratingsOf(4));
    await submit(couple.b, ratingsOf(8));
    expect(await toldTo(couple.b)).toEqual({ history: [false, false], dashboard: [null, null] });

    // Ana has seen Ben's answers now, and changes hers.
    await submit(couple.a, ratingsOf(7));
    const changed = { history: [true, false], dashboard: [THIS_WEEK, null] };
    expect(await toldTo(couple.b)).toEqual(changed);
    expect(await toldTo(couple.a)).toEqual(changed);
    expect(await toldTo(coach, couple.coupleId)).toEqual(changed);

    // Sending the same ratings again does not hide it.
    await submit(couple.a, ratingsOf(7), 'Same answers, a new note.');
    expect(await toldTo(couple.b)).toEqual(changed);
  });

  it('are not claimed for a private note edited later, with the ratings as they were', async () => {
    await submit(couple.a, ratingsOf(4), 'first thoughts');
    await submit(couple.b, ratingsOf(8));
    await submit(couple.a, ratingsOf(4), 'second thoughts');
    expect(await toldTo(couple.b)).toEqual({ history: [false, false], dashboard: [null, null] });
  });

  it('are judged by value: a row stored in another key order, with spaces, still counts as the same ratings', async () => {
    await submit(couple.a, ratingsOf(4, { trust: 9 }), 'first thoughts');
    const file = await (await couple.a.api()).account.export();
    await submit(couple.b, ratingsOf(8));
    const handWritten = JSON.stringify(
      Object.fromEntries(Object.entries(ratingsOf(4, { trust: 9 })).reverse()),
      null,
      1,
    );
    const rewrite = () =>
      app.database.db
        .updateTable('assessments')
        .set({ ratings: handWritten })
        .where('user_id', '=', couple.a.user.id)
        .execute();
    await rewrite();
    await submit(couple.a, ratingsOf(4, { trust: 9 }), 'second thoughts');
    expect(await toldTo(couple.b)).toEqual({ history: [false, false], dashboard: [null, null] });
    // The same holds for an import of the same ratings.
    await rewrite();
    later();
    await (await couple.a.api()).account.import(file);
    expect(await toldTo(couple.b)).toEqual({ history: [false, false], dashboard: [null, null] });
    await submit(couple.a, ratingsOf(4, { trust: 8 }));
    expect(await toldTo(couple.b)).toEqual({ history: [true, false], dashboard: [THIS_WEEK, null] });
  });

  it('stay on the dashboard when someone has already checked in early for next week', async () => {
    await submit(couple.a, ratingsOf(4));
    await submit(couple.b, ratingsOf(8));
    await submit(couple.a, ratingsOf(6));
    // Sunday afternoon UTC: next week has begun east of the date line, and Ana logs it already.
    app.setNow(new Date('2026-11-29T15:00:00.000Z'));
    await (await couple.a.api()).assessment.submit({ week: NEXT_WEEK, ratings: ratingsOf(5) });
    for (const viewer of [couple.a, couple.b]) {
      const dashboard = await (await viewer.api()).dashboard.get({ range: '12w' });
      expect(
        dashboard.changedAfterBothAnswered[dashboard.partners.findIndex((p) => p.userId === couple.a.user.id)],
      ).toBe(THIS_WEEK);
    }
  });

  it('cannot be hidden by importing an export: changed ratings count from the import, the first answer stays', async () => {
    await submit(couple.a, ratingsOf(4));
    const file = await (await couple.a.api()).account.export();
    await submit(couple.b, ratingsOf(8));
    // Ana imports her own earlier export over the week after Ben answered: unchanged ratings tell nothing...
    later();
    await (await couple.a.api()).account.import(file);
    expect(await toldTo(couple.b)).toEqual({ history: [false, false], dashboard: [null, null] });
    // ...changed ones count from the import, whatever times the file carries.
    await submit(couple.a, ratingsOf(6));
    expect(await toldTo(couple.b)).toEqual({ history: [true, false], dashboard: [THIS_WEEK, null] });
    later();
    await (await couple.a.api()).account.import(file);
    expect((await (await couple.a.api()).assessment.mine({ week: THIS_WEEK }))?.ratings).toEqual(ratingsOf(4));
    expect(await toldTo(couple.b)).toEqual({ history: [true, false], dashboard: [THIS_WEEK, null] });
  });

  it('are not claimed for changes made before the other partner answered: those were still blind', async () => {
    await submit(couple.a, ratingsOf(4));
    await submit(couple.a, ratingsOf({ trust: 9 }));
    await submit(couple.b, ratingsOf(8));
    expect(await toldTo(couple.b)).toEqual({ history: [false, false], dashboard: [null, null] });
  });

  it('are named on the dashboard only for the latest week side by side shows, and stay in the history', async () => {
    const submitFor = async (person: Person, week: string, ratings: Ratings) => {
      later();
      await (await person.api()).assessment.submit({ week, ratings });
    };
    await submitFor(couple.a, LAST_WEEK, ratingsOf(4));
    await submitFor(couple.b, LAST_WEEK, ratingsOf(8));
    await submitFor(couple.a, LAST_WEEK, ratingsOf(6));
    expect((await (await couple.b.api()).dashboard.get({ range: '12w' })).changedAfterBothAnswered).toContain(
      LAST_WEEK,
    );
    await submit(couple.a, ratingsOf(5));
    await submit(couple.b, ratingsOf(5));
    const api = await couple.b.api();
    expect((await api.dashboard.get({ range: '12w' })).changedAfterBothAnswered).toEqual([null, null]);
    const ana = (await api.assessment.history({ fromWeek: LAST_WEEK })).partners.find(
      (p) => p.userId === couple.a.user.id,
    )!;
    expect(ana.entries.map((e) => [e.week, e.changedAfterBothAnswered])).toEqual([
      [LAST_WEEK, true],
      [THIS_WEEK, false],
    ]);
  });

  it('are never told before both answered: a lone change stays hidden with the entry itself', async () => {
    await submit(couple.a, ratingsOf(4));
    await submit(couple.a, ratingsOf(6));
    // Ben has not answered, so he sees nothing of Ana's week, changed or not.
    expect(await toldTo(couple.b)).toEqual({ history: [null, null], dashboard: [null, null] });
    expect(await toldTo(couple.a)).toEqual({ history: [false, null], dashboard: [null, null] });
  });
});

describe("an import cannot hide a late change, nor invent one: every time that counts is the server's", () => {
  /** Ana's own export holding one check-in for this week, with the times the file claims and a recomputed checksum. */
  const fileClaiming = async (ratings: Ratings, createdAt: string): Promise<AccountExport> => {
    const body: Omit<AccountExport, 'integrity'> & { integrity?: string } = await (
      await couple.a.api()
    ).account.export();
    delete body.integrity;
    body.assessments = [{ week: THIS_WEEK, ratings, note: null, createdAt, updatedAt: createdAt }];
    return { ...body, integrity: exportDigest(body) };
  };
  const storedTimes = async (userId: string) =>
    await sqlRow(
      app,
      'SELECT created_at, updated_at, ratings_changed_at FROM assessments WHERE user_id = ? AND week = ?',
      userId,
      THIS_WEEK,
    );

  it('refuses a check-in created at the end of time, then finds the mark when Ana matches Ben after seeing his', async () => {
    await submit(couple.b, ratingsOf(8));
    later();
    const error = await expectRefusedUnchanged(
      app,
      async () => (await couple.a.api()).account.import(await fileClaiming(ratingsOf(3), '9999-12-31T23:59:59.999Z')),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/9999-12-31T23:59:59\.999Z .*later than now/);
    await submit(couple.a, ratingsOf(3));
    await submit(couple.a, ratingsOf(8));
    expect(await toldTo(couple.b)).toEqual({ history: [true, false], dashboard: [THIS_WEEK, null] });
  });

  it('stores an imported check-in at the time of the import: resubmitting to match Ben after seeing his is marked', async () => {
    await submit(couple.b, ratingsOf(8));
    later();
    const importedAt = new Date(WEDNESDAY.getTime() + minute * 60_000).toISOString();
    await (await couple.a.api()).account.import(await fileClaiming(ratingsOf(3), '2026-11-20T08:00:00.000Z'));
    expect(await storedTimes(couple.a.user.id)).toEqual({
      created_at: importedAt,
      updated_at: importedAt,
      ratings_changed_at: importedAt,
    });
    // Ana's answer counts from the import: she now sees Ben's week, and has changed nothing yet.
    const seen = await (await couple.a.api()).assessment.history({ fromWeek: THIS_WEEK });
    expect(seen.partners.find((p) => p.userId === couple.b.user.id)!.entries.map((e) => e.ratings)).toEqual([
      ratingsOf(8),
    ]);
    expect(await toldTo(couple.b)).toEqual({ history: [false, false], dashboard: [null, null] });
    await submit(couple.a, ratingsOf(8));
    expect(await toldTo(couple.b)).toEqual({ history: [true, false], dashboard: [THIS_WEEK, null] });
  });

  it("reads nothing from a file claiming Ana answered before Ben: Ben's blind change is not marked, Ana's later one is", async () => {
    await submit(couple.b, ratingsOf(8));
    // Ben changes his mind before Ana has answered: still a blind answer.
    await submit(couple.b, ratingsOf(7));
    later();
    await (await couple.a.api()).account.import(await fileClaiming(ratingsOf(3), WEDNESDAY.toISOString()));
    expect(await toldTo(couple.b)).toEqual({ history: [false, false], dashboard: [null, null] });
    await submit(couple.a, ratingsOf(7));
    expect(await toldTo(couple.b)).toEqual({ history: [true, false], dashboard: [THIS_WEEK, null] });
  });
});
