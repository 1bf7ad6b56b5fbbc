import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coupleRatingsCsv } from '#client/features/coach/ratings-csv';
import { PRACTICE_IDS } from '#shared/practice-ids';
import {
  connectCoach,
  LAST_WEEK,
  pairedCouple,
  signUpCoach,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
});
afterEach(async () => {
  await app.close();
});

describe('the ratings CSV a coach downloads', () => {
  it('holds one row per partner and week of what the coach may see: no notes, no week under wraps', async () => {
    const couple = await pairedCouple(app, ['Ana', '=cmd|calc']);
    const coach = await signUpCoach(app);
    await connectCoach(couple, coach);
    await (
      await couple.a.api()
    ).assessment.submit({
      week: '2026-W46',
      ratings: ratingsOf(4, { trust: 9 }),
      note: 'secret, with "quotes", and a comma',
    });
    await (await couple.b.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(7) });
    await (await couple.a.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(2) });

    const csv = coupleRatingsCsv(await (await coach.api()).assessment.history({ coupleId: couple.coupleId }));
    expect(csv).not.toContain('secret');
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(['week', 'partner', ...PRACTICE_IDS, 'connection_index']);
    expect(parsed.data).toEqual([
      {
        week: '2026-W46',
        partner: 'Ana',
        ...Object.fromEntries(PRACTICE_IDS.map((id) => [id, id === 'trust' ? '9' : '4'])),
        connection_index: '4.5',
      },
      // A name that a spreadsheet would run as a formula is written as text.
      {
        week: LAST_WEEK,
        partner: "'=cmd|calc",
        ...Object.fromEntries(PRACTICE_IDS.map((id) => [id, '7'])),
        connection_index: '7',
      },
    ]);
  });

  it('is refused to a coach without consent, like the history it is built from', async () => {
    const couple = await pairedCouple(app);
    const coach = await signUpCoach(app);
    await expect((await coach.api()).assessment.history({ coupleId: couple.coupleId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const loner = await signUpPartner(app);
    expect(coupleRatingsCsv(await (await loner.api()).assessment.history()).trim()).toBe(
      ['week', 'partner', ...PRACTICE_IDS, 'connection_index'].join(','),
    );
  });
});
