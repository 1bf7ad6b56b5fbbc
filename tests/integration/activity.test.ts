import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIVITY_PAGE_SIZE, type ActivityPageDto } from '#shared/schemas/activity.schema';
import { forgetEndedAccess } from '#server/services/roster.service';
import { expectRefusedUnchanged } from '../helpers/assertions';
import { rowsMentioning } from '../helpers/db-state';
import {
  connectCoach,
  LAST_WEEK,
  PASSWORD,
  signUpCoach,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
  type Person,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { sqlRow, sqlRows, sqlRun } from '../helpers/raw-sql';

/**
 * The couple's feed of what changed: who joined, checked in, changed a week after both had answered, left; a coach's
 * access beginning and ending; focuses chosen. Each reader sees only what they may: a partner from their own joining,
 * a coach from the start of their own access and only while it lasts; nobody reads a rating, a note or a reflection.
 */
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

let app: TestApp;
let clock: number;
/** Every step of a story happens a minute after the one before, so the feed's order is the story's. */
const step = () => {
  clock += MINUTE;
  app.setNow(new Date(clock));
};

beforeEach(async () => {
  clock = WEDNESDAY.getTime();
  app = await createTestApp({}, WEDNESDAY);
});
afterEach(async () => {
  await app.close();
});

async function feedOf(person: Person, coupleId?: string): Promise<ActivityPageDto> {
  return (await person.api()).activity.list(coupleId === undefined ? undefined : { coupleId });
}
const texts = async (person: Person, coupleId?: string) => (await feedOf(person, coupleId)).items.map((i) => i.text);

/** Ana makes a couple, Ben joins with her code. */
async function anaAndBen(): Promise<{ ana: Person; ben: Person; coupleId: string }> {
  const [ana, ben] = [await signUpPartner(app, 'Ana'), await signUpPartner(app, 'Ben')];
  const { coupleId, inviteCode } = await (await ana.api()).couple.create({});
  step();
  await (await ben.api()).couple.join({ inviteCode });
  return { ana, ben, coupleId };
}

describe('every kind of change, as each reader reads it', () => {
  it('tells the partners in the second person and the coach in the third, newest first', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const kim = await signUpCoach(app, 'Kim');
    step();
    await connectCoach({ a: ana, b: ben, coupleId }, kim);
    const [a, b, k] = [await ana.api(), await ben.api(), await kim.api()];

    step();
    await a.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(6), note: 'a private note of Ana' });
    step();
    // A note-only edit before Ben answered: nothing for the feed.
    await a.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(6), note: 'another private note' });
    step();
    await b.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(9) });
    step();
    await a.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(6, { trust: 2 }) });
    step();
    await a.focus.adopt({ practiceId: 'trust' });
    await a.focus.adopt({ practiceId: 'trust' }); // already the focus: no change
    step();
    await b.focus.clear();
    await b.focus.clear(); // no focus left to clear
    step();
    await k.coach.assignFocus({ coupleId, practiceId: 'empathy', note: 'Listen first' });
    await k.coach.assignFocus({ coupleId, practiceId: 'empathy', note: 'Listen first' }); // the same again
    step();
    await k.coach.assignFocus({ coupleId, practiceId: 'patience' });
    step();
    await k.coach.assignFocus({ coupleId, practiceId: null });
    await k.coach.assignFocus({ coupleId, practiceId: null }); // nothing left to remove

    const story = (await feedOf(ana)).items;
    expect(story.map((i) => i.kind)).toEqual([
      'coach-focus-cleared',
      'coach-focus-changed',
      'coach-focus-chosen',
      'focus-cleared',
      'focus-adopted',
      'changed-after-both-answered',
      'checked-in',
      'checked-in',
      'coach-access-started',
      'joined',
    ]);
    expect(story.map((i) => i.text)).toEqual([
      'Your coach Kim removed the focus they had chosen.',
      'Your coach Kim chose a different focus.',
      'Your coach Kim chose a focus.',
      'Ben cleared your focus.',
      'You chose a new focus for the two of you.',
      'You changed your ratings for the week of 23 Nov after you had both answered.',
      'Ben checked in for the week of 23 Nov.',
      'You checked in for the week of 23 Nov.',
      'Coach access for Kim began.',
      'Ben joined you.',
    ]);
    // Times are the server's, newest first; ids are unique.
    const times = story.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(story.map((i) => i.id)).size).toBe(story.length);

    expect(await texts(ben)).toEqual([
      'Your coach Kim removed the focus they had chosen.',
      'Your coach Kim chose a different focus.',
      'Your coach Kim chose a focus.',
      'You cleared your focus.',
      'Ana chose a new focus for the two of you.',
      'Ana changed their ratings for the week of 23 Nov after you had both answered.',
      'You checked in for the week of 23 Nov.',
      'Ana checked in for the week of 23 Nov.',
      'Coach access for Kim began.',
      'You joined the couple.',
    ]);
    expect(await texts(kim, coupleId)).toEqual([
      'You removed the focus you had chosen for them.',
      'You chose a different focus for them.',
      'You chose a focus for them.',
      "Ben cleared the couple's focus.",
      'Ana chose a new focus for the couple.',
      'Ana changed their ratings for the week of 23 Nov after they had both answered.',
      'Ben checked in for the week of 23 Nov.',
      'Ana checked in for the week of 23 Nov.',
      'Your access as their coach began.',
    ]);

    // A second coach reads the first one's choices as another coach's, and from their own start only.
    const lee = await signUpCoach(app, 'Lee');
    step();
    await connectCoach({ a: ana, b: ben, coupleId }, lee);
    step();
    await k.coach.assignFocus({ coupleId, practiceId: 'rituals' });
    expect(await texts(lee, coupleId)).toEqual([
      'Kim, another coach, chose a focus.',
      'Your access as their coach began.',
    ]);
    expect((await texts(kim, coupleId)).slice(0, 2)).toEqual([
      'You chose a focus for them.',
      'Coach access for Lee began.',
    ]);

    // The partners end Kim's access, then Ben leaves.
    step();
    await b.couple.revokeCoach({ coachId: kim.user.id });
    step();
    await b.couple.leave({});
    expect((await texts(ana)).slice(0, 3)).toEqual([
      'A former partner left the couple.',
      'Coach access for Kim ended.',
      'Your coach Kim chose a focus.',
    ]);
    // A partner who left takes their entries out of every coach's view, and the couple's membership changed with it: a
    // coach reads its feed from then on, as everything else of the couple.
    expect(await texts(lee, coupleId)).toEqual([]);
    // The one who left no longer reads the couple's feed; the coach whose access ended is refused.
    expect(await feedOf(ben)).toEqual({ items: [], nextBefore: null });
    await expectRefusedUnchanged(app, () => k.activity.list({ coupleId }), 'FORBIDDEN');

    // Nothing private ever reaches the feed: no note, no rating.
    const everything = JSON.stringify([await feedOf(ana), await feedOf(lee, coupleId)]);
    for (const secret of ['private note', 'Listen first', '"6"', '"9"', 'trust', 'empathy', 'patience'])
      expect(everything).not.toContain(secret);
  });

  it('tells of a check-in once per week, and of a change only after every partner had answered', async () => {
    const { ana, ben } = await anaAndBen();
    const [a, b] = [await ana.api(), await ben.api()];
    step();
    await a.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) });
    step();
    // Ben has not answered yet: a change is a blind answer still.
    await a.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(4) });
    step();
    await b.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(7) });
    step();
    // The same ratings with a new note: no change of ratings.
    await b.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(7), note: 'just a note' });
    step();
    await b.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(8) });
    expect(await texts(ana)).toEqual([
      'Ben changed their ratings for the week of 23 Nov after you had both answered.',
      'Ben checked in for the week of 23 Nov.',
      'You checked in for the week of 23 Nov.',
      'Ben joined you.',
    ]);
    // The history marks the same change: the feed and the dashboard tell one story.
    const history = await a.assessment.history({ fromWeek: THIS_WEEK });
    expect(history.partners.map((p) => p.entries.map((e) => e.changedAfterBothAnswered))).toEqual([[false], [true]]);
  });

  it('tells nothing of a week from before the couple formed, nor of anyone alone', async () => {
    const loner = await signUpPartner(app, 'Lone');
    await (await loner.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) });
    expect(await feedOf(loner)).toEqual({ items: [], nextBefore: null });

    const { ana, ben } = await anaAndBen();
    step();
    // The couple formed this week; last week was each one's own.
    await (await ana.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(5) });
    await (await ben.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(5) });
    await (await ana.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(2) });
    expect(await texts(ben)).toEqual(['You joined the couple.']);
  });

  it('speaks of a deleted account as a former partner or a former coach, and keeps no trace of them', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const kim = await signUpCoach(app, 'Kim');
    step();
    await connectCoach({ a: ana, b: ben, coupleId }, kim);
    step();
    await (await ben.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) });
    step();
    await (await kim.api()).coach.assignFocus({ coupleId, practiceId: 'trust' });
    step();
    await (await ben.api()).account.delete({ password: PASSWORD });
    step();
    await (await kim.api()).account.delete({ password: PASSWORD });
    expect(await texts(ana)).toEqual([
      'Coach access for a former coach ended.',
      'A former partner left the couple.',
      'A former coach chose a focus.',
      'A former partner checked in for the week of 23 Nov.',
      'Coach access for a former coach began.',
      'A former partner joined you.',
    ]);
    expect(await rowsMentioning(app, ben.user.id)).toEqual([]);
    expect(await rowsMentioning(app, kim.user.id)).toEqual([]);
  });

  it('keeps a partner who left out of a coach’s view after they delete their account too', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const kim = await signUpCoach(app, 'Kim');
    step();
    await connectCoach({ a: ana, b: ben, coupleId }, kim);
    step();
    await (await ben.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) });
    step();
    await (await ben.api()).couple.leave({});
    step();
    await (await ana.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(6) });
    // The membership changed when he left: the coach reads the couple from then on.
    const whileAccountLasts = await texts(kim, coupleId);
    expect(whileAccountLasts).toEqual(['Ana checked in for the week of 23 Nov.']);
    step();
    await (await ben.api()).account.delete({ password: PASSWORD });
    // His entries lose their author; a coach still reads none of them.
    expect(await texts(kim, coupleId)).toEqual(whileAccountLasts);
    expect((await texts(ana)).slice(0, 3)).toEqual([
      'You checked in for the week of 23 Nov.',
      'A former partner left the couple.',
      'A former partner checked in for the week of 23 Nov.',
    ]);
  });

  it('reads with each person’s name as it is now', async () => {
    const { ana, ben } = await anaAndBen();
    await sqlRun(app, 'update users set display_name = ? where id = ?', 'Benjamin', ben.user.id);
    expect(await texts(ana)).toEqual(['Benjamin joined you.']);
  });
});

describe('who reads which part of the feed', () => {
  it('a partner reads from their own joining: a newcomer nothing of an earlier pairing, the one who stayed all', async () => {
    const { ana, ben } = await anaAndBen();
    step();
    await (await ben.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) });
    step();
    await (await ben.api()).couple.leave({});
    const cal = await signUpPartner(app, 'Cal');
    const { inviteCode } = await (await ana.api()).couple.newInvite();
    step();
    await (await cal.api()).couple.join({ inviteCode });
    expect(await texts(cal)).toEqual(['You joined the couple.']);
    // Ben is no longer of the couple: whatever he calls himself now does not reach it.
    expect(await texts(ana)).toEqual([
      'Cal joined you.',
      'A former partner left the couple.',
      'A former partner checked in for the week of 23 Nov.',
      'A former partner joined you.',
    ]);
    // Ben, in a couple of his own now, reads nothing of the one he left.
    await (await ben.api()).couple.create({});
    expect(await feedOf(ben)).toEqual({ items: [], nextBefore: null });
  });

  it('a coach reads from the start of their own access, only while it lasts, and again from a new start', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const couple = { a: ana, b: ben, coupleId };
    step();
    await (await ana.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) });
    const kim = await signUpCoach(app, 'Kim');
    step();
    await connectCoach(couple, kim);
    expect(await texts(kim, coupleId)).toEqual(['Your access as their coach began.']);
    step();
    await (await ana.api()).couple.revokeCoach({ coachId: kim.user.id });
    await expectRefusedUnchanged(app, async () => (await kim.api()).activity.list({ coupleId }), 'FORBIDDEN');
    step();
    await (await ben.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) });
    step();
    await connectCoach(couple, kim);
    expect(await texts(kim, coupleId)).toEqual(['Your access as their coach began.']);
  });

  it('is refused to everyone else, and a coach must name the couple', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const kim = await signUpCoach(app, 'Kim');
    await connectCoach({ a: ana, b: ben, coupleId }, kim);
    const others = await anaAndBenLike(['Sam', 'Tess']);
    const stranger = others.ana;
    const otherCoach = await signUpCoach(app, 'Gus');
    await connectCoach({ a: others.ana, b: others.ben, coupleId: others.coupleId }, otherCoach);
    const anonymous = await (await app.client()).api();
    await expectRefusedUnchanged(app, () => anonymous.activity.list({ coupleId }), 'UNAUTHORIZED');
    await expectRefusedUnchanged(app, () => anonymous.activity.list(), 'UNAUTHORIZED');
    await expectRefusedUnchanged(app, async () => (await stranger.api()).activity.list({ coupleId }), 'FORBIDDEN');
    await expectRefusedUnchanged(app, async () => (await otherCoach.api()).activity.list({ coupleId }), 'FORBIDDEN');
    await expectRefusedUnchanged(app, async () => (await kim.api()).activity.list(), 'BAD_REQUEST');
    // A stranger's own feed is their own couple's (both at the same instant here).
    expect((await texts(stranger)).sort()).toEqual(['Coach access for Gus began.', 'Tess joined you.']);
  });

  it('is written to the couple’s access log when a coach reads it', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const kim = await signUpCoach(app, 'Kim');
    await connectCoach({ a: ana, b: ben, coupleId }, kim);
    await (await kim.api()).activity.list({ coupleId });
    expect((await (await ana.api()).couple.coachAccessLog()).map((r) => r.what)).toEqual(['activity']);
  });
});

async function anaAndBenLike(names: [string, string]) {
  const [ana, ben] = [await signUpPartner(app, names[0]), await signUpPartner(app, names[1])];
  const { coupleId, inviteCode } = await (await ana.api()).couple.create({});
  await (await ben.api()).couple.join({ inviteCode });
  return { ana, ben, coupleId };
}

describe('paging', () => {
  /** `count` entries for the couple, straight into the table: some share an instant, so ids break the tie. */
  async function manyEntries(coupleId: string, actorId: string, count: number) {
    const rows = Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      couple_id: coupleId,
      kind: 'checked-in',
      actor_id: actorId,
      week: THIS_WEEK,
      at: new Date(clock + MINUTE + Math.floor(i / 3) * 1000).toISOString(),
    }));
    await app.database.db.insertInto('activity_events').values(rows).execute();
  }

  it('hands out 20 at a time, newest first, each entry once, until none are left', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    await manyEntries(coupleId, ben.user.id, 44);
    const api = await ana.api();
    const pages: ActivityPageDto[] = [await api.activity.list()];
    while (pages.at(-1)!.nextBefore !== null)
      pages.push(await api.activity.list({ before: pages.at(-1)!.nextBefore! }));
    expect(pages.map((p) => p.items.length)).toEqual([ACTIVITY_PAGE_SIZE, ACTIVITY_PAGE_SIZE, 5]);
    const all = pages.flatMap((p) => p.items);
    expect(new Set(all.map((i) => i.id)).size).toBe(45);
    const order = all.map((i) => `${i.at}~${i.id}`);
    expect([...order].sort().reverse()).toEqual(order);
    expect(all.at(-1)!.text).toBe('Ben joined you.');
    // A cursor from another couple's feed names a time and an id, nothing more: it pages this couple's feed only.
    expect((await api.activity.list({ coupleId, before: pages[0]!.nextBefore! })).items).toEqual(pages[1]!.items);
  });

  it('refuses a page marker it did not make, with 400, and changes nothing', async () => {
    const { ana } = await anaAndBen();
    const api = await ana.api();
    for (const before of [
      '',
      'x',
      'yesterday',
      '2026-11-25T12:00:00.000Z',
      '2026-11-25T12:00:00.000Z~',
      '2026-02-30T12:00:00.000Z~abc',
      '2026-11-25T24:00:00.000Z~abc',
      '2026-11-25T12:00:00Z~abc',
      '2026-11-25T12:00:00.000Z~a b',
      `2026-11-25T12:00:00.000Z~${'a'.repeat(65)}`,
      `2026-11-25T12:00:00.000Z~${'a'.repeat(10_000)}`,
    ])
      await expectRefusedUnchanged(app, () => api.activity.list({ before }), 'BAD_REQUEST');
    for (const input of [{ before: 42 }, { before: null }, { unknown: 1 }, 'x', 42])
      await expectRefusedUnchanged(app, () => api.activity.list(input as never), 'BAD_REQUEST');
  });
});

describe('the roster after access ended', () => {
  it('lists a couple whose access was ended for 30 days, with no data, then forgets it', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const kim = await signUpCoach(app, 'Kim');
    await connectCoach({ a: ana, b: ben, coupleId }, kim);
    step();
    const endedAt = new Date(clock).toISOString();
    await (await ana.api()).couple.revokeCoach({ coachId: kim.user.id });
    const ended = {
      coupleId,
      partners: [],
      flags: [],
      connection: { now: null, trend: [], weeks: [] },
      focus: null,
      urgency: 0,
      accessEndedAt: endedAt,
    };
    expect(await (await kim.api()).coach.roster()).toEqual([ended]);
    // Only the couple's id and when are kept: no name, nothing they shared.
    expect(await sqlRows(app, 'select * from coach_links_ended')).toEqual([
      { couple_id: coupleId, coach_id: kim.user.id, ended_at: endedAt },
    ]);
    app.setNow(new Date(clock + 29 * DAY));
    expect(await (await kim.api()).coach.roster()).toEqual([ended]);
    app.setNow(new Date(clock + 31 * DAY));
    expect(await (await kim.api()).coach.roster()).toEqual([]);
    await forgetEndedAccess(app.database.db, new Date(clock + 31 * DAY));
    expect(await sqlRows(app, 'select * from coach_links_ended')).toEqual([]);
  });

  it('lists the couple live again once the coach is let back in, and ended when everyone left', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const couple = { a: ana, b: ben, coupleId };
    const kim = await signUpCoach(app, 'Kim');
    await connectCoach(couple, kim);
    step();
    await (await ana.api()).couple.revokeCoach({ coachId: kim.user.id });
    step();
    await connectCoach(couple, kim);
    expect((await (await kim.api()).coach.roster()).map((r) => [r.coupleId, r.accessEndedAt])).toEqual([
      [coupleId, null],
    ]);
    step();
    await (await ben.api()).couple.leave({});
    // Ana stays: the coach keeps her.
    expect((await (await kim.api()).coach.roster()).map((r) => r.accessEndedAt)).toEqual([null]);
    step();
    await (await ana.api()).couple.leave({});
    expect(await (await kim.api()).coach.roster()).toEqual([
      expect.objectContaining({ coupleId, partners: [], accessEndedAt: new Date(clock).toISOString() }),
    ]);
    // The couple itself is gone, with its feed.
    expect(await sqlRow(app, 'select count(*) as n from activity_events')).toEqual({ n: 0 });
  });
});
