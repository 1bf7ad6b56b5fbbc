import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserById } from '#server/repositories/users.repository';
import { assignFocus } from '#server/services/coach-workspace.service';
import { expectRefusedUnchanged } from '../helpers/assertions';
import { snapshot } from '../helpers/db-state';
import {
  connectCoach,
  pairedCouple,
  signUpCoach,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
} from '../helpers/factories';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';
import { sqlRun } from '../helpers/raw-sql';
import { createTestApp, type TestApp } from '../helpers/test-app';

// A session names the caller's couple as it was when the request began. The calls of one tRPC batch share that
// reading, and two requests sent at once each have their own: a `couple.leave` among them must leave nothing done
// for the couple in the leaver's name afterwards. `api()` below reads the session once and keeps it, as a batch does.

let app: TestApp;
let couple: Couple;

beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await pairedCouple(app, ['Ana', 'Ben']);
});
afterEach(async () => {
  await app.close();
});

describe('a call read from the session before its caller left the couple', () => {
  it('makes no code for a coach or a partner', async () => {
    const ana = await couple.a.api();
    await ana.couple.leave({});
    const refused = await expectRefusedUnchanged(app, () => ana.couple.inviteCoach({}), 'CONFLICT');
    expect(refused.message).toMatch(/no longer in this couple/);
    await expectRefusedUnchanged(app, () => ana.couple.newInvite(), 'CONFLICT');
  });

  it("ends no coach's access and leaves the couple's focus alone", async () => {
    const coach = await signUpCoach(app, 'Casey');
    await connectCoach(couple, coach);
    const ana = await couple.a.api();
    await ana.couple.leave({});
    await expectRefusedUnchanged(app, () => ana.couple.revokeCoach({ coachId: coach.user.id }), 'CONFLICT');
    await expectRefusedUnchanged(app, () => ana.focus.adopt({ practiceId: 'trust' }), 'CONFLICT');
    await expectRefusedUnchanged(app, () => ana.focus.clear(), 'CONFLICT');
    // Ben still has his coach.
    expect((await (await couple.b.api()).couple.get()).coaches.map((c) => c.id)).toEqual([coach.user.id]);
  });

  it('answers no questionnaire of the couple it left', async () => {
    const coach = await signUpCoach(app, 'Casey');
    await connectCoach(couple, coach);
    const casey = await coach.api();
    const { measureId } = await casey.measure.create({
      name: 'Weekly calm',
      items: [{ text: 'How calm was this week?', min: 0, max: 10, minLabel: 'Tense', maxLabel: 'Calm' }],
      scoring: 'sum',
    });
    const { assignmentId } = await casey.measure.assign({
      coupleId: couple.coupleId,
      measureId,
      everyWeeks: 1,
      visibleToCouple: true,
    });
    const ana = await couple.a.api();
    await ana.couple.leave({});
    await expectRefusedUnchanged(
      app,
      () => ana.measure.answer({ assignmentId, period: THIS_WEEK, answers: [7] }),
      'CONFLICT',
    );
    await expectRefusedUnchanged(app, () => ana.measure.skip({ assignmentId, period: THIS_WEEK }), 'CONFLICT');
  });
});

describe("a coach's focus written as the couple ends the coach's access", () => {
  // coachCoupleProcedure checks the access when the request begins; a revoke may commit before the focus is written.
  // The service is called here as the procedure calls it once that check has passed.
  it.each([
    ['chosen', 'trust' as const],
    ['removed', null],
  ])('is not %s after the revoke', async (_label, practiceId) => {
    const coach = await signUpCoach(app, 'Casey');
    await connectCoach(couple, coach);
    await (
      await coach.api()
    ).coach.assignFocus({ coupleId: couple.coupleId, practiceId: 'empathy', note: 'Slow down' });
    const caller = (await findUserById(app.deps.db, coach.user.id))!;
    await (await couple.a.api()).couple.revokeCoach({ coachId: coach.user.id });
    await expectServiceRefusedUnchanged(
      () => assignFocus(app.deps, caller, { coupleId: couple.coupleId, practiceId, note: 'Listen first' }),
      "That couple isn't shared with you.",
    );
  });
});

/** Like expectRefusedUnchanged, for a service called directly: the error it throws, and nothing changed. */
async function expectServiceRefusedUnchanged(call: () => Promise<unknown>, message: string) {
  const before = await snapshot(app);
  await expect(call()).rejects.toThrow(message);
  expect(await snapshot(app)).toEqual(before);
}

describe('a code whose maker has left the couple', () => {
  // Leaving expires the codes one made. A code that outlived the leave all the same (made by a call racing it) is
  // brought back here by hand: it must open nothing.
  const reopen = (table: string) => sqlRun(app, `update ${table} set expires_at = ?`, '2999-01-01T00:00:00.000Z');

  it('lets no coach in', async () => {
    const { coachCode } = await (await couple.a.api()).couple.inviteCoach({});
    await (await couple.a.api()).couple.leave({});
    await reopen('coach_invites');
    const coach = await signUpCoach(app, 'Casey');
    const error = await expectRefusedUnchanged(
      app,
      async () => (await coach.api()).coach.accept({ coachCode }),
      'NOT_FOUND',
    );
    expect(error.message).toMatch(/expired/);
  });

  it('lets no partner in', async () => {
    // Ben leaves; Ana, alone now, makes a code for a new partner. Had Ben made it in a call racing his leave, it would
    // name him as its maker: so it does here.
    await (await couple.b.api()).couple.leave({});
    const { inviteCode } = await (await couple.a.api()).couple.newInvite();
    await sqlRun(app, 'update couple_invites set created_by = ? where used_at is null', couple.b.user.id);
    const stranger = await signUpPartner(app, 'Sam');
    await expectRefusedUnchanged(app, async () => (await stranger.api()).couple.join({ inviteCode }), 'NOT_FOUND');
  });
});

describe('one HTTP batch that leaves and then asks for codes', () => {
  let server: RunningServer;
  beforeEach(async () => {
    server = await startServer({ ipRateLimit: false });
  });
  afterEach(async () => {
    await server.close();
  });

  it('hands out no code that lets a coach or a stranger into the couple left behind', async () => {
    const signUp = async (name: string, role: 'partner' | 'coach') => {
      const client = new HttpClient(server.baseUrl);
      const email = `${name.toLowerCase()}@example.com`;
      const { status } = await client.mutation('auth.signup', {
        email,
        password: 'a long password',
        displayName: name,
        role,
      });
      expect(status).toBe(200);
      return client;
    };
    const [ana, ben, coach, stranger] = await Promise.all([
      signUp('Ana', 'partner'),
      signUp('Ben', 'partner'),
      signUp('Casey', 'coach'),
      signUp('Sam', 'partner'),
    ]);
    const created = await ana.mutation('couple.create', {});
    expect((await ben.mutation('couple.join', { inviteCode: created.body.result.data.inviteCode })).status).toBe(200);

    const batch = await ana.send('/trpc/couple.leave,couple.inviteCoach,couple.newInvite?batch=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 0: {}, 1: {}, 2: {} }),
    });
    const answers = batch.body as { result?: { data: { coachCode?: string; inviteCode?: string } } }[];
    expect(answers[0]!.result).toBeDefined();
    const coachCode = answers[1]!.result?.data.coachCode;
    const inviteCode = answers[2]!.result?.data.inviteCode;
    if (coachCode) expect((await coach.mutation('coach.accept', { coachCode })).status).toBe(404);
    if (inviteCode) expect((await stranger.mutation('couple.join', { inviteCode })).status).toBe(404);
    expect((await coach.query('coach.roster')).body.result.data).toEqual([]);
    const benCouple = (await ben.query('couple.get')).body.result.data as { partners: unknown[] };
    expect(benCouple.partners).toHaveLength(1);
  });
});

describe('a coach focus written while the one who stayed was alone', () => {
  it('reaches nobody who joins them afterwards, nor stays as the new pairing’s focus', async () => {
    const coach = await signUpCoach(app, 'Casey');
    await connectCoach(couple, coach);
    await (await couple.b.api()).couple.leave({});
    const casey = await coach.api();
    // Casey, still Ana's coach, writes a focus for Ana alone.
    await casey.coach.assignFocus({
      coupleId: couple.coupleId,
      practiceId: 'trust',
      note: 'After what you said of Ben',
    });
    expect((await (await couple.a.api()).suggestion.next()).reasons.join(' ')).toContain('After what you said of Ben');

    const cleo = await signUpPartner(app, 'Cleo');
    const { inviteCode } = await (await couple.a.api()).couple.newInvite();
    await (await cleo.api()).couple.join({ inviteCode });
    for (const person of [cleo, couple.a]) {
      const suggestion = await (await person.api()).suggestion.next();
      expect(suggestion.reasons.join(' ')).not.toContain('After what you said of Ben');
      expect(suggestion.basis).not.toBe('coach');
    }
    const row = (await casey.coach.roster()).find((r) => r.coupleId === couple.coupleId)!;
    expect(row.focus).toBeNull();
  });
});
