import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { filesHolding } from '../helpers/on-disk';
import { uniqueEmail } from '../helpers/emails';
import {
  connectCoach,
  PASSWORD,
  signUpCoach,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
  type Person,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';

const MINUTE = 60 * 1000;
let app: TestApp;
let clock: number;
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

async function anaAndBen(): Promise<{ ana: Person; ben: Person; coupleId: string }> {
  const [ana, ben] = [await signUpPartner(app, 'Ana'), await signUpPartner(app, 'Ben')];
  const { coupleId, inviteCode } = await (await ana.api()).couple.create({});
  step();
  await (await ben.api()).couple.join({ inviteCode });
  return { ana, ben, coupleId };
}
const texts = async (p: Person, coupleId?: string) =>
  (await (await p.api()).activity.list(coupleId ? { coupleId } : undefined)).items.map((i) => i.text);

describe('the feed after a partner left', () => {
  it('names the leaver as a former partner to the one who stayed, and shows the coach none of their entries', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const kim = await signUpCoach(app, 'Kim');
    step();
    await connectCoach({ a: ana, b: ben, coupleId }, kim);
    step();
    await (await ben.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) });
    step();
    await (await ben.api()).couple.leave({});
    step();
    // Ben, no longer in the couple, renames himself (e.g. to his full name in his new life).
    await (await ben.api()).account.updateProfile({ displayName: 'Benjamin Newlife-Surname' });
    const anaReads = await texts(ana);
    const kimReads = await texts(kim, coupleId);
    // A name chosen after leaving reaches nobody of the couple left behind.
    expect(anaReads.join('\n')).not.toContain('Benjamin');
    expect(anaReads).toContain('A former partner left the couple.');
    // The leaver took their entries out of the coach's view.
    expect(kimReads.join('\n')).not.toMatch(/Benjamin|Ben |former partner/);
  });
});

describe('a repeated draft after the author changed it', () => {
  it('leaves private what the author made private since', async () => {
    const { ana, ben } = await anaAndBen();
    const a = await ana.api();
    step();
    const first = await a.reflection.save({
      practiceId: 'trust',
      body: 'for Ben',
      visibility: 'partner',
      draftKey: 'draft-key-0001',
    });
    step();
    await a.reflection.setVisibility({ id: first.id, visibility: 'private' });
    expect((await (await ben.api()).reflection.list()).map((r) => r.body)).toEqual([]);
    step();
    // The same form retried (its answer was lost, so it kept its key): same words, same choice.
    const again = await a.reflection.save({
      practiceId: 'trust',
      body: 'for Ben',
      visibility: 'partner',
      draftKey: 'draft-key-0001',
    });
    expect(again.id).toBe(first.id);
    // A repeat never changes who reads it: what the author made private stays private.
    expect(again.visibility).toBe('private');
    expect((await (await ben.api()).reflection.list()).map((r) => r.body)).toEqual([]);
  });

  it('keeps an edit made since, and reaches no partner who joined since', async () => {
    const { ana, ben } = await anaAndBen();
    const a = await ana.api();
    step();
    const first = await a.reflection.save({
      practiceId: 'trust',
      body: 'meant for Ben only',
      visibility: 'partner',
      draftKey: 'draft-key-0002',
    });
    step();
    await a.reflection.save({ id: first.id, practiceId: 'trust', body: 'edited later', visibility: 'partner' });
    step();
    await (await ben.api()).couple.leave({});
    const cal = await signUpPartner(app, 'Cal');
    const { inviteCode } = await a.couple.newInvite();
    step();
    await (await cal.api()).couple.join({ inviteCode });
    expect((await (await cal.api()).reflection.list()).map((r) => r.body)).toEqual([]);
    step();
    await a.reflection.save({
      practiceId: 'trust',
      body: 'meant for Ben only',
      visibility: 'partner',
      draftKey: 'draft-key-0002',
    });
    // The edit stands, and Cal does not read what was written for Ben.
    expect((await a.reflection.list({ practiceId: 'trust' })).map((r) => r.body)).toEqual(['edited later']);
    expect((await (await cal.api()).reflection.list()).map((r) => r.body)).toEqual([]);
  });
});

describe('a changed email or name', () => {
  it('leaves neither the old email nor the old name in the database files', async () => {
    await app.close();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-erasure-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    app = await createTestApp({}, WEDNESDAY, { file: path.join(dir, 'tandem.db') });
    const ana = await signUpPartner(app, 'Zebulon Oldname');
    const oldEmail = ana.email;
    await (await ana.api()).account.changeEmail({ email: uniqueEmail('new'), currentPassword: PASSWORD });
    await (await ana.api()).account.updateProfile({ displayName: 'Quentin Newname' });
    expect(filesHolding(dir, oldEmail)).toEqual([]);
    expect(filesHolding(dir, 'Zebulon Oldname')).toEqual([]);
    // Not vacuous: the new name is there to be found.
    expect(filesHolding(dir, 'Quentin Newname').length).toBeGreaterThan(0);
  });
});

describe('malformed input to the new procedures', () => {
  it('answers 4xx for odd values', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const kim = await signUpCoach(app, 'Kim');
    await connectCoach({ a: ana, b: ben, coupleId }, kim);
    const k = await kim.api();
    const a = await ana.api();
    const inputs: unknown[] = [
      { coupleId, before: '9999-12-31T23:59:59.999Z~zz' },
      { coupleId, before: '0000-01-01T00:00:00.000Z~a' },
      { coupleId, before: '+275760-09-13T00:00:00.000Z~a' },
      { coupleId: '', before: undefined },
      { coupleId: 'x'.repeat(5000) },
      { coupleId, extra: 1 },
    ];
    for (const input of inputs) {
      const r = await k.activity.list(input as never).then(
        (v) => `ok ${v.items.length}`,
        (e: { code: string }) => e.code,
      );
      expect(r, JSON.stringify(input).slice(0, 80)).not.toBe('INTERNAL_SERVER_ERROR');
    }
    const odd: [string, () => Promise<unknown>][] = [
      ['name null', () => a.account.updateProfile({ displayName: null } as never)],
      ['name zwj only', () => a.account.updateProfile({ displayName: '\u200d' })],
      ['name combining', () => a.account.updateProfile({ displayName: 'a' + '\u0301'.repeat(59) })],
      ['name You', () => a.account.updateProfile({ displayName: 'You' })],
      ['email huge', () => a.account.changeEmail({ email: 'a'.repeat(300) + '@x.io', currentPassword: PASSWORD })],
      ['email unicode', () => a.account.changeEmail({ email: 'ÄNA@exämple.com', currentPassword: PASSWORD })],
      ['draft key with id', () => a.reflection.save({ id: 'x', practiceId: 'trust', body: 'b', draftKey: 'abcdefgh' })],
      ['draft key short', () => a.reflection.save({ practiceId: 'trust', body: 'b', draftKey: 'abc' })],
      ['note key num', () => k.coach.addNote({ coupleId, body: 'b', draftKey: 12345678 } as never)],
    ];
    for (const [label, call] of odd) {
      const r = await call().then(
        () => 'ok',
        (e: { code: string }) => e.code,
      );
      expect(r, label).not.toBe('INTERNAL_SERVER_ERROR');
    }
  });
});

describe('a coach reading the feed after the pair changed', () => {
  it('tells the coach nothing from before the current pair formed', async () => {
    const { ana, ben, coupleId } = await anaAndBen();
    const kim = await signUpCoach(app, 'Kim');
    step();
    await connectCoach({ a: ana, b: ben, coupleId }, kim);
    step();
    await (await ben.api()).couple.leave({});
    step();
    // Ana alone checks in (a couple of one); then, two weeks later, Cal joins.
    await (await ana.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(3) });
    clock += 14 * 24 * 60 * MINUTE;
    app.setNow(new Date(clock));
    const cal = await signUpPartner(app, 'Cal');
    const { inviteCode } = await (await ana.api()).couple.newInvite();
    await (await cal.api()).couple.join({ inviteCode });
    const k = await kim.api();
    const dash = await k.dashboard.get({ coupleId, range: 'all' });
    const feed = await texts(kim, coupleId);
    expect(dash.isEmpty).toBe(true);
    // The coach reads the feed from the current pair on, like everything else: Cal's joining, nothing before it.
    expect(feed).toEqual(['Cal joined the couple.']);
  });
});
