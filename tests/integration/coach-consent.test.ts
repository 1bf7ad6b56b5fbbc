import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret, normalizeInviteCode } from '#server/auth/secrets';
import { expectRefusedUnchanged } from '../helpers/assertions';
import { countRows, snapshot } from '../helpers/db-state';
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

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

let app: TestApp;
let couple: Couple;
let coach: Person;

beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await pairedCouple(app, ['Ana', 'Ben']);
  coach = await signUpCoach(app, 'Coach Casey');
});
afterEach(async () => {
  await app.close();
});

const later = (ms: number) => app.setNow(new Date(WEDNESDAY.getTime() + ms));
const target = () => ({ coupleId: couple.coupleId });

describe('inviting a coach', () => {
  it('gives a code that works once, stored only as its hash', async () => {
    const { coachCode } = await (await couple.a.api()).couple.inviteCoach({});
    expect(coachCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const stored = await sqlRows<{ code_hash: string; expires_at: string }>(
      app,
      'SELECT code_hash, expires_at FROM coach_invites',
    );
    expect(stored).toEqual([
      {
        code_hash: hashSecret(normalizeInviteCode(coachCode)),
        expires_at: new Date(WEDNESDAY.getTime() + 7 * DAY).toISOString(),
      },
    ]);
    expect(JSON.stringify(stored)).not.toContain(coachCode);

    expect(await (await coach.api()).coach.accept({ coachCode: coachCode.toLowerCase() })).toEqual({
      coupleId: couple.coupleId,
    });
    const other = await signUpCoach(app, 'Coach Dana');
    await expectRefusedUnchanged(app, async () => (await other.api()).coach.accept({ coachCode }), 'CONFLICT');
  });

  it('answers a retry of the same acceptance, whose answer was lost, as the first did, while the access lasts', async () => {
    const { coachCode } = await (await couple.a.api()).couple.inviteCoach({});
    const casey = await coach.api();
    expect(await casey.coach.accept({ coachCode })).toEqual({ coupleId: couple.coupleId });
    const before = await snapshot(app);
    expect(await casey.coach.accept({ coachCode })).toEqual({ coupleId: couple.coupleId });
    expect(await snapshot(app)).toEqual(before);
    // Once the couple has ended the access, the used code does not bring it back.
    await (await couple.a.api()).couple.revokeCoach({ coachId: coach.user.id });
    await expectRefusedUnchanged(app, () => casey.coach.accept({ coachCode }), 'CONFLICT');
  });

  it('expires after 7 days by the clock', async () => {
    const { coachCode } = await (await couple.a.api()).couple.inviteCoach({});
    later(7 * DAY - MINUTE);
    const { coachCode: second } = await (await couple.b.api()).couple.inviteCoach({});
    later(7 * DAY);
    const coachApi = await coach.api();
    await expectRefusedUnchanged(app, () => coachApi.coach.accept({ coachCode }), 'NOT_FOUND');
    // The code made later is still good.
    expect(await (await coach.api()).coach.accept({ coachCode: second })).toEqual({ coupleId: couple.coupleId });
  });

  it('refuses an unknown code, a partner accepting, and a coach accepting twice for the same couple', async () => {
    await expectRefusedUnchanged(
      app,
      async () => (await coach.api()).coach.accept({ coachCode: 'AAAA-BBBB-CCCC-DDDD-EEEE' }),
      'NOT_FOUND',
    );
    const { coachCode } = await (await couple.a.api()).couple.inviteCoach({});
    await expectRefusedUnchanged(app, async () => (await couple.b.api()).coach.accept({ coachCode }), 'FORBIDDEN');
    await (await coach.api()).coach.accept({ coachCode });
    const { coachCode: again } = await (await couple.b.api()).couple.inviteCoach({});
    await expectRefusedUnchanged(app, async () => (await coach.api()).coach.accept({ coachCode: again }), 'CONFLICT');
  });

  it('lets a couple have several coaches, listed by couple.get for partners and coaches', async () => {
    const dana = await signUpCoach(app, 'Coach Dana');
    await connectCoach(couple, coach);
    later(MINUTE);
    await connectCoach(couple, dana);
    // Each with the moment their access began: what is shared with "our coach" from then on reaches them.
    const expected = [
      { id: coach.user.id, displayName: 'Coach Casey', since: WEDNESDAY.toISOString() },
      { id: dana.user.id, displayName: 'Coach Dana', since: new Date(WEDNESDAY.getTime() + MINUTE).toISOString() },
    ];
    expect((await (await couple.b.api()).couple.get()).coaches).toEqual(expected);
    expect((await (await dana.api()).couple.get(target())).coaches).toEqual(expected);
  });
});

describe('revoking a coach', () => {
  it('ends access on the very next request and removes that coach’s focus, leaving other coaches alone', async () => {
    const dana = await signUpCoach(app, 'Coach Dana');
    await connectCoach(couple, coach);
    await connectCoach(couple, dana);
    const coachApi = await coach.api();
    await coachApi.coach.assignFocus({ ...target(), practiceId: 'trust' });
    await (await dana.api()).coach.assignFocus({ ...target(), practiceId: 'empathy' });
    expect((await coachApi.dashboard.get(target())).partners).toHaveLength(2);

    expect(await (await couple.b.api()).couple.revokeCoach({ coachId: coach.user.id })).toEqual({ ok: true });

    // The same caller, the same session: refused at once.
    await expectRefusedUnchanged(app, () => coachApi.dashboard.get(target()), 'FORBIDDEN');
    await expectRefusedUnchanged(app, () => coachApi.couple.get(target()), 'FORBIDDEN');
    await expectRefusedUnchanged(app, () => coachApi.coach.listNotes(target()), 'FORBIDDEN');
    // The roster says that the access ended, with nothing of the couple.
    expect(await coachApi.coach.roster()).toEqual([
      expect.objectContaining({
        coupleId: couple.coupleId,
        partners: [],
        flags: [],
        accessEndedAt: expect.any(String),
      }),
    ]);
    expect(await sqlRows(app, 'SELECT coach_id, practice_id FROM coach_focuses')).toEqual([
      { coach_id: dana.user.id, practice_id: 'empathy' },
    ]);
    expect((await (await dana.api()).couple.get(target())).coaches).toEqual([
      { id: dana.user.id, displayName: 'Coach Dana', since: WEDNESDAY.toISOString() },
    ]);
  });

  it('refuses revoking a coach who has no access, and a coach revoking', async () => {
    await expectRefusedUnchanged(
      app,
      async () => (await couple.a.api()).couple.revokeCoach({ coachId: coach.user.id }),
      'NOT_FOUND',
    );
    await connectCoach(couple, coach);
    await expectRefusedUnchanged(
      app,
      async () => (await coach.api()).couple.revokeCoach({ coachId: coach.user.id }),
      'FORBIDDEN',
    );
  });
});

describe('what a coach sees', () => {
  it('reads ratings but never a private note', async () => {
    await (await couple.a.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(4), note: 'only mine' });
    await connectCoach(couple, coach);
    const history = await (await coach.api()).assessment.history(target());
    expect(history.partners.find((p) => p.userId === couple.a.user.id)!.entries).toEqual([
      { week: LAST_WEEK, ratings: ratingsOf(4), changedAfterBothAnswered: false },
    ]);
    expect(JSON.stringify(history)).not.toContain('only mine');
  });
});

describe('the access log', () => {
  it('records coach reads once per kind of read per ten minutes, and shows them to the partners newest first', async () => {
    await connectCoach(couple, coach);
    const coachApi = await coach.api();
    await coachApi.dashboard.get(target());
    await coachApi.dashboard.get({ ...target(), range: 'all' });
    await coachApi.suggestion.next(target());
    expect(await countRows(app, 'coach_access_log')).toBe(2);
    later(11 * MINUTE);
    await coachApi.dashboard.get(target());
    await coachApi.coach.roster();

    const log = await (await couple.b.api()).couple.coachAccessLog();
    const [before, after] = [WEDNESDAY.toISOString(), new Date(WEDNESDAY.getTime() + 11 * MINUTE).toISOString()];
    expect(log.map((r) => r.at)).toEqual([after, after, before, before]);
    expect(log.map((r) => `${r.at} ${r.what}`).sort()).toEqual(
      [`${before} dashboard`, `${before} suggestion`, `${after} dashboard`, `${after} roster`].sort(),
    );
    expect(log.every((r) => r.coachName === 'Coach Casey' && r.coachId === coach.user.id)).toBe(true);
  });

  it('records nothing for a partner’s own reads, or for a coach’s refused read', async () => {
    await (await couple.a.api()).dashboard.get();
    await expectRefusedUnchanged(app, async () => (await coach.api()).dashboard.get(target()), 'FORBIDDEN');
    await connectCoach(couple, coach);
    await expectRefusedUnchanged(
      app,
      async () => (await coach.api()).dashboard.get({ ...target(), range: 'decade' } as never),
      'BAD_REQUEST',
    );
    expect(await (await couple.a.api()).couple.coachAccessLog()).toEqual([]);
  });
});

describe('ids that are not text', () => {
  // PostgreSQL refuses a NUL in any text it is sent: unchecked, such an id would be a server error there alone.
  const notText = ['x\u0000', '\u0000', 'a\ud800b'];

  it.each(notText)('%j as a couple, a coach or a note is refused with 400 on either database', async (id) => {
    await connectCoach(couple, coach);
    const casey = await coach.api();
    const ana = await couple.a.api();
    await expectRefusedUnchanged(app, () => casey.coach.listNotes({ coupleId: id }), 'BAD_REQUEST');
    await expectRefusedUnchanged(app, () => casey.dashboard.get({ coupleId: id, range: '12w' }), 'BAD_REQUEST');
    await expectRefusedUnchanged(app, () => ana.couple.revokeCoach({ coachId: id }), 'BAD_REQUEST');
    await expectRefusedUnchanged(app, () => ana.reflection.delete({ id }), 'BAD_REQUEST');
    await expectRefusedUnchanged(
      app,
      () => casey.coach.deleteNote({ coupleId: couple.coupleId, noteId: id }),
      'BAD_REQUEST',
    );
  });
});
