import type { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { issuePasswordReset } from '#server/services/password.service';
import { appRouter } from '#server/trpc/router';
import type { AccountExport } from '#shared/schemas/account-export.schema';
import { PRACTICES } from '#shared/practices';
import { expectRefusedUnchanged } from '../helpers/assertions';
import {
  connectCoach,
  LAST_WEEK,
  pairedCouple,
  PASSWORD,
  signUpCoach,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
  type Person,
} from '../helpers/factories';
import { addKeptMeasure } from '../helpers/direct-rows';
import { ratingsOf } from '../helpers/ratings';
import { type Caller, type TestApp } from '../helpers/test-app';
import { worldPerTest } from '../helpers/world-per-test';

/**
 * Who may call what. The target is a couple (Ana and Ben) with check-ins and private notes; everyone else tries to
 * reach it: nobody logged in, a stranger who is a partner in another couple, a partner with no couple yet, a coach
 * the couple never invited, and a coach the couple invited and then revoked. A coach the couple invited (and has
 * not revoked) reads the couple's shared data, never a private note.
 *
 * Ana had a partner before Ben: Fay, whom she left last Monday before pairing with Ben. Fay, the former partner, reads
 * nothing of Ana's any more; Ben, the later partner, and the couple's coach read nothing of Ana's time with Fay.
 */
type Who = 'anonymous' | 'partner' | 'formerPartner' | 'stranger' | 'loner' | 'coach' | 'revokedCoach' | 'invitedCoach';

interface World {
  target: Couple;
  /** Ben, Ana's partner in the target couple: he shares the couple, not what Ana keeps to herself. */
  partner: Person;
  /** Fay, Ana's partner until last Monday. */
  formerPartner: Person;
  /** What Ana shared with Fay and her coach, while they were a couple. */
  sharedWithFayId: string;
  stranger: Person;
  loner: Person;
  coach: Person;
  revokedCoach: Person;
  invitedCoach: Person;
  /** An open invite code of a third, half-made couple. */
  openCode: string;
  /** Ana's private reflection. */
  reflectionId: string;
  /** Ana's own export, as a file she might have downloaded. */
  targetExport: AccountExport;
  /** An open coach code of the target couple. */
  openCoachCode: string;
  /** The invited coach's measure, scheduled for the target couple and visible to it. */
  measureId: string;
  assignmentId: string;
  /** The revoked coach's measure, and its schedule for the target couple that the revocation stopped. */
  revokedMeasureId: string;
  revokedAssignmentId: string;
  /** Questionnaire answers Ana kept from before (as an import restores them): hers alone. */
  keptMeasureId: string;
}

const SECRET_NOTE = 'private note of Ana';
const SECRET_REFLECTION = 'private reflection of Ana';
const NOTE_WITH_FAY = 'private note of Ana, from her time with Fay';
const SHARED_WITH_FAY = 'what Ana shared with Fay and their coach';
const FAY_WEEK = '2026-W46';
const KEPT_MEASURE = 'Closeness Ana kept';
/** What must stay out of whatever Ben, the couple's coach and Fay read now. */
const ANA_WITH_FAY = [NOTE_WITH_FAY, SHARED_WITH_FAY];

let app: TestApp;
let world: World;

const ONE_ITEM = {
  name: 'Weekly tension',
  items: [{ text: 'How tense was this week?', min: 0, max: 10, minLabel: 'Calm', maxLabel: 'Very tense' }],
  scoring: 'sum' as const,
};

/** Ana and Fay, a couple in 2026-W46 with a coach of their own; on Monday of last week Ana left and paired with Ben. */
async function anaLeftFayForBen(app: TestApp): Promise<{ target: Couple; fay: Person; sharedWithFayId: string }> {
  const [ana, fay] = [await signUpPartner(app, 'Ana'), await signUpPartner(app, 'Fay')];
  const earlier = await (await ana.api()).couple.create({});
  await (await fay.api()).couple.join({ inviteCode: earlier.inviteCode });
  await connectCoach({ a: fay, b: ana, coupleId: earlier.coupleId }, await signUpCoach(app, 'Coach Gus'));
  await (await ana.api()).assessment.submit({ week: FAY_WEEK, ratings: ratingsOf(1), note: NOTE_WITH_FAY });
  await (await fay.api()).assessment.submit({ week: FAY_WEEK, ratings: ratingsOf(10) });
  const shared = await (
    await ana.api()
  ).reflection.save({ practiceId: 'trust', body: SHARED_WITH_FAY, visibility: 'partner_and_coach' });
  app.setNow(new Date('2026-11-16T09:00:00.000Z'));
  await (await ana.api()).couple.leave({});
  const ben = await signUpPartner(app, 'Ben');
  const { coupleId, inviteCode } = await (await ana.api()).couple.create({});
  app.setNow(new Date('2026-11-16T09:01:00.000Z'));
  await (await ben.api()).couple.join({ inviteCode });
  app.setNow(WEDNESDAY);
  return { target: { a: ana, b: ben, coupleId }, fay, sharedWithFayId: shared.id };
}

async function buildWorld(app: TestApp): Promise<World> {
  const { target, fay, sharedWithFayId } = await anaLeftFayForBen(app);
  const others = await pairedCouple(app, ['Sam', 'Tess']);
  const half = await signUpPartner(app, 'Hal');
  const { inviteCode } = await (await half.api()).couple.create({});
  const [invitedCoach, revokedCoach] = [await signUpCoach(app, 'Coach Ivy'), await signUpCoach(app, 'Coach Rex')];
  await connectCoach(target, invitedCoach);
  await connectCoach(target, revokedCoach);
  const [invitedMeasure, invitedAssignment] = await scheduleMeasure(invitedCoach, target.coupleId);
  const [revokedMeasure, revokedAssignment] = await scheduleMeasure(revokedCoach, target.coupleId);
  const [ana, ben] = [await target.a.api(), await target.b.api()];
  await ben.couple.revokeCoach({ coachId: revokedCoach.user.id });
  const { coachCode } = await ana.couple.inviteCoach({});
  const reflection = await ana.reflection.save({ practiceId: 'trust', body: SECRET_REFLECTION });
  await ana.focus.adopt({ practiceId: 'trust' });
  await ana.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(4), note: SECRET_NOTE });
  await ben.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(6), note: 'private note of Ben' });
  await ana.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(8), note: SECRET_NOTE });
  const targetExport = await ana.account.export();
  return {
    target,
    partner: target.b,
    formerPartner: fay,
    sharedWithFayId,
    stranger: others.a,
    loner: await signUpPartner(app, 'Lone'),
    coach: await signUpCoach(app),
    revokedCoach,
    invitedCoach,
    openCode: inviteCode,
    openCoachCode: coachCode,
    reflectionId: reflection.id,
    targetExport,
    measureId: invitedMeasure,
    assignmentId: invitedAssignment,
    revokedMeasureId: revokedMeasure,
    revokedAssignmentId: revokedAssignment,
    keptMeasureId: await addKeptMeasure(app, target.a.user.id, KEPT_MEASURE, FAY_WEEK),
  };
}

/** A one-item measure of the coach's, scheduled weekly for the couple from this week, visible to it. */
async function scheduleMeasure(coach: Person, coupleId: string): Promise<[string, string]> {
  const api = await coach.api();
  const { measureId } = await api.measure.create(ONE_ITEM);
  const { assignmentId } = await api.measure.assign({ coupleId, measureId, everyWeeks: 1, visibleToCouple: true });
  return [measureId, assignmentId];
}

const worlds = worldPerTest({ now: new Date('2026-11-11T12:00:00.000Z') }, buildWorld, (a, w) => {
  app = a;
  world = w;
});

async function callerFor(who: Who): Promise<Caller> {
  if (who === 'anonymous') return (await app.client()).api();
  return world[who].api();
}

type Call = (api: Caller, w: World) => Promise<unknown>;
const target = (w: World) => ({ coupleId: w.target.coupleId });

const refusals: [string, Who, string, TRPCError['code'], Call][] = [
  [
    'auth.signup',
    'anonymous',
    "with the target's email",
    'CONFLICT',
    (api, w) =>
      api.auth.signup({ email: w.target.a.email, password: PASSWORD, displayName: 'Mallory', role: 'partner' }),
  ],
  [
    'auth.login',
    'anonymous',
    "with the target's email and a guess",
    'UNAUTHORIZED',
    (api, w) => api.auth.login({ email: w.target.a.email, password: 'password123' }),
  ],
  ['couple.create', 'anonymous', '', 'UNAUTHORIZED', (api) => api.couple.create({})],
  ['couple.create', 'coach', '', 'FORBIDDEN', (api) => api.couple.create({})],
  ['couple.create', 'stranger', '(already in a couple)', 'CONFLICT', (api) => api.couple.create({})],
  ['couple.newInvite', 'anonymous', '', 'UNAUTHORIZED', (api) => api.couple.newInvite()],
  ['couple.newInvite', 'coach', '', 'FORBIDDEN', (api) => api.couple.newInvite()],
  ['couple.newInvite', 'stranger', '(own couple is full)', 'CONFLICT', (api) => api.couple.newInvite()],
  ['couple.newInvite', 'loner', '(no couple)', 'CONFLICT', (api) => api.couple.newInvite()],
  [
    'couple.join',
    'anonymous',
    'with an open code',
    'UNAUTHORIZED',
    (api, w) => api.couple.join({ inviteCode: w.openCode }),
  ],
  ['couple.join', 'coach', 'with an open code', 'FORBIDDEN', (api, w) => api.couple.join({ inviteCode: w.openCode })],
  ['couple.join', 'stranger', 'with an open code', 'CONFLICT', (api, w) => api.couple.join({ inviteCode: w.openCode })],
  ['couple.get', 'anonymous', 'of the target', 'UNAUTHORIZED', (api, w) => api.couple.get(target(w))],
  ['couple.get', 'anonymous', 'without coupleId', 'UNAUTHORIZED', (api) => api.couple.get()],
  ['couple.get', 'stranger', 'of the target', 'FORBIDDEN', (api, w) => api.couple.get(target(w))],
  [
    'couple.get',
    'stranger',
    'of an unknown couple',
    'FORBIDDEN',
    (api) => api.couple.get({ coupleId: 'no-such-couple' }),
  ],
  ['couple.get', 'loner', 'of the target', 'FORBIDDEN', (api, w) => api.couple.get(target(w))],
  ['couple.get', 'coach', 'of the target (not invited)', 'FORBIDDEN', (api, w) => api.couple.get(target(w))],
  ['couple.get', 'coach', 'without coupleId', 'BAD_REQUEST', (api) => api.couple.get()],
  [
    'assessment.submit',
    'anonymous',
    '',
    'UNAUTHORIZED',
    (api) => api.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) }),
  ],
  [
    'assessment.submit',
    'coach',
    '',
    'FORBIDDEN',
    (api) => api.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) }),
  ],
  [
    'assessment.submit',
    'stranger',
    "into the target's couple",
    'BAD_REQUEST',
    (api, w) => api.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(1), ...target(w) }),
  ],
  ['assessment.mine', 'anonymous', '', 'UNAUTHORIZED', (api) => api.assessment.mine({ week: THIS_WEEK })],
  ['assessment.mine', 'coach', '', 'FORBIDDEN', (api) => api.assessment.mine({ week: THIS_WEEK })],
  [
    'assessment.mine',
    'stranger',
    'naming the target',
    'BAD_REQUEST',
    (api, w) => api.assessment.mine({ week: THIS_WEEK, userId: w.target.a.user.id } as never),
  ],
  ['assessment.history', 'anonymous', 'of the target', 'UNAUTHORIZED', (api, w) => api.assessment.history(target(w))],
  ['assessment.history', 'stranger', 'of the target', 'FORBIDDEN', (api, w) => api.assessment.history(target(w))],
  [
    'assessment.history',
    'stranger',
    'of an unknown couple',
    'FORBIDDEN',
    (api) => api.assessment.history({ coupleId: 'no-such-couple' }),
  ],
  ['assessment.history', 'loner', 'of the target', 'FORBIDDEN', (api, w) => api.assessment.history(target(w))],
  [
    'assessment.history',
    'coach',
    'of the target (not invited)',
    'FORBIDDEN',
    (api, w) => api.assessment.history(target(w)),
  ],
  ['assessment.history', 'coach', 'without coupleId', 'BAD_REQUEST', (api) => api.assessment.history()],
  [
    'assessment.weekStatus',
    'anonymous',
    'of the target',
    'UNAUTHORIZED',
    (api, w) => api.assessment.weekStatus(target(w)),
  ],
  ['assessment.weekStatus', 'stranger', 'of the target', 'FORBIDDEN', (api, w) => api.assessment.weekStatus(target(w))],
  ['assessment.weekStatus', 'loner', 'of the target', 'FORBIDDEN', (api, w) => api.assessment.weekStatus(target(w))],
  [
    'assessment.weekStatus',
    'coach',
    'of the target (not invited)',
    'FORBIDDEN',
    (api, w) => api.assessment.weekStatus(target(w)),
  ],
  ['assessment.weekStatus', 'coach', 'without coupleId', 'BAD_REQUEST', (api) => api.assessment.weekStatus()],
  ['dashboard.get', 'anonymous', 'of the target', 'UNAUTHORIZED', (api, w) => api.dashboard.get(target(w))],
  ['dashboard.get', 'anonymous', 'without input', 'UNAUTHORIZED', (api) => api.dashboard.get()],
  [
    'dashboard.get',
    'stranger',
    'of the target',
    'FORBIDDEN',
    (api, w) => api.dashboard.get({ ...target(w), range: 'all' }),
  ],
  [
    'dashboard.get',
    'stranger',
    'of an unknown couple',
    'FORBIDDEN',
    (api) => api.dashboard.get({ coupleId: 'no-such-couple' }),
  ],
  ['dashboard.get', 'loner', 'of the target', 'FORBIDDEN', (api, w) => api.dashboard.get(target(w))],
  ['dashboard.get', 'coach', 'of the target (not invited)', 'FORBIDDEN', (api, w) => api.dashboard.get(target(w))],
  ['dashboard.get', 'coach', 'without coupleId', 'BAD_REQUEST', (api) => api.dashboard.get()],
  ['suggestion.next', 'anonymous', 'of the target', 'UNAUTHORIZED', (api, w) => api.suggestion.next(target(w))],
  ['suggestion.next', 'stranger', 'of the target', 'FORBIDDEN', (api, w) => api.suggestion.next(target(w))],
  ['suggestion.next', 'loner', 'of the target', 'FORBIDDEN', (api, w) => api.suggestion.next(target(w))],
  ['suggestion.next', 'coach', 'of the target (not invited)', 'FORBIDDEN', (api, w) => api.suggestion.next(target(w))],
  ['suggestion.next', 'coach', 'without coupleId', 'BAD_REQUEST', (api) => api.suggestion.next()],
  ['focus.adopt', 'anonymous', '', 'UNAUTHORIZED', (api) => api.focus.adopt({ practiceId: 'empathy' })],
  ['focus.adopt', 'coach', '', 'FORBIDDEN', (api) => api.focus.adopt({ practiceId: 'empathy' })],
  ['focus.adopt', 'loner', '(no couple)', 'CONFLICT', (api) => api.focus.adopt({ practiceId: 'empathy' })],
  [
    'focus.adopt',
    'stranger',
    "naming the target's couple",
    'BAD_REQUEST',
    (api, w) => api.focus.adopt({ practiceId: 'empathy', ...target(w) } as never),
  ],
  ['focus.clear', 'anonymous', '', 'UNAUTHORIZED', (api) => api.focus.clear()],
  ['focus.clear', 'coach', '', 'FORBIDDEN', (api) => api.focus.clear()],
  ['focus.clear', 'loner', '(no couple)', 'CONFLICT', (api) => api.focus.clear()],
  [
    'focus.clear',
    'stranger',
    "naming the target's couple",
    'BAD_REQUEST',
    (api, w) => api.focus.clear(target(w) as never),
  ],
  ['focus.list', 'anonymous', 'of the target', 'UNAUTHORIZED', (api, w) => api.focus.list(target(w))],
  ['focus.list', 'stranger', 'of the target', 'FORBIDDEN', (api, w) => api.focus.list(target(w))],
  [
    'focus.list',
    'stranger',
    'of an unknown couple',
    'FORBIDDEN',
    (api) => api.focus.list({ coupleId: 'no-such-couple' }),
  ],
  ['focus.list', 'loner', 'of the target', 'FORBIDDEN', (api, w) => api.focus.list(target(w))],
  ['focus.list', 'coach', 'of the target (not invited)', 'FORBIDDEN', (api, w) => api.focus.list(target(w))],
  ['focus.list', 'coach', 'without coupleId', 'BAD_REQUEST', (api) => api.focus.list()],
  ['reflection.list', 'anonymous', 'of the target', 'UNAUTHORIZED', (api, w) => api.reflection.list(target(w))],
  [
    'reflection.list',
    'stranger',
    'of the target',
    'FORBIDDEN',
    (api, w) => api.reflection.list({ ...target(w), practiceId: 'trust' }),
  ],
  [
    'reflection.list',
    'stranger',
    'of an unknown couple',
    'FORBIDDEN',
    (api) => api.reflection.list({ coupleId: 'no-such-couple' }),
  ],
  ['reflection.list', 'loner', 'of the target', 'FORBIDDEN', (api, w) => api.reflection.list(target(w))],
  ['reflection.list', 'coach', 'of the target (not invited)', 'FORBIDDEN', (api, w) => api.reflection.list(target(w))],
  ['reflection.list', 'coach', 'without coupleId', 'BAD_REQUEST', (api) => api.reflection.list()],
  ['activity.list', 'anonymous', 'of the target', 'UNAUTHORIZED', (api, w) => api.activity.list(target(w))],
  ['activity.list', 'anonymous', 'without input', 'UNAUTHORIZED', (api) => api.activity.list()],
  ['activity.list', 'stranger', 'of the target', 'FORBIDDEN', (api, w) => api.activity.list(target(w))],
  [
    'activity.list',
    'stranger',
    'of an unknown couple',
    'FORBIDDEN',
    (api) => api.activity.list({ coupleId: 'no-such-couple' }),
  ],
  ['activity.list', 'loner', 'of the target', 'FORBIDDEN', (api, w) => api.activity.list(target(w))],
  ['activity.list', 'coach', 'of the target (not invited)', 'FORBIDDEN', (api, w) => api.activity.list(target(w))],
  ['activity.list', 'coach', 'without coupleId', 'BAD_REQUEST', (api) => api.activity.list()],
  [
    'activity.list',
    'partner',
    'with a page marker it did not make',
    'BAD_REQUEST',
    (api) => api.activity.list({ before: 'the beginning' }),
  ],
  [
    'reflection.save',
    'anonymous',
    '',
    'UNAUTHORIZED',
    (api) => api.reflection.save({ practiceId: 'trust', body: 'Hello' }),
  ],
  ['reflection.save', 'coach', '', 'FORBIDDEN', (api) => api.reflection.save({ practiceId: 'trust', body: 'Hello' })],
  [
    'reflection.save',
    'stranger',
    "editing Ana's reflection",
    'NOT_FOUND',
    (api, w) => api.reflection.save({ id: w.reflectionId, practiceId: 'trust', body: 'Mine now' }),
  ],
  [
    'reflection.save',
    'loner',
    "editing Ana's reflection",
    'NOT_FOUND',
    (api, w) => api.reflection.save({ id: w.reflectionId, practiceId: 'trust', body: 'Mine now' }),
  ],
  [
    'reflection.setVisibility',
    'anonymous',
    '',
    'UNAUTHORIZED',
    (api, w) => api.reflection.setVisibility({ id: w.reflectionId, visibility: 'partner' }),
  ],
  [
    'reflection.setVisibility',
    'coach',
    "of Ana's reflection",
    'FORBIDDEN',
    (api, w) => api.reflection.setVisibility({ id: w.reflectionId, visibility: 'partner_and_coach' }),
  ],
  [
    'reflection.setVisibility',
    'stranger',
    "of Ana's reflection",
    'NOT_FOUND',
    (api, w) => api.reflection.setVisibility({ id: w.reflectionId, visibility: 'partner' }),
  ],
  ['reflection.delete', 'anonymous', '', 'UNAUTHORIZED', (api, w) => api.reflection.delete({ id: w.reflectionId })],
  [
    'reflection.delete',
    'coach',
    "Ana's reflection",
    'FORBIDDEN',
    (api, w) => api.reflection.delete({ id: w.reflectionId }),
  ],
  [
    'reflection.delete',
    'stranger',
    "Ana's reflection",
    'NOT_FOUND',
    (api, w) => api.reflection.delete({ id: w.reflectionId }),
  ],
  ['auth.logoutEverywhere', 'anonymous', '', 'UNAUTHORIZED', (api) => api.auth.logoutEverywhere()],
  [
    'auth.changePassword',
    'anonymous',
    '',
    'UNAUTHORIZED',
    (api) => api.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'a new password here' }),
  ],
  [
    'auth.changePassword',
    'stranger',
    'with a wrong current password',
    'FORBIDDEN',
    (api) => api.auth.changePassword({ currentPassword: 'password123', newPassword: 'a new password here' }),
  ],
  [
    'auth.resetPassword',
    'anonymous',
    'with a made-up token',
    'NOT_FOUND',
    (api) => api.auth.resetPassword({ token: 'made-up', newPassword: 'a new password here' }),
  ],
  [
    'auth.resetPassword',
    'stranger',
    'with a made-up token',
    'NOT_FOUND',
    (api) => api.auth.resetPassword({ token: 'made-up', newPassword: 'a new password here' }),
  ],
  ['account.export', 'anonymous', '', 'UNAUTHORIZED', (api) => api.account.export()],
  [
    'account.import',
    'anonymous',
    "with the target's export",
    'UNAUTHORIZED',
    (api, w) => api.account.import(w.targetExport),
  ],
  ['account.import', 'coach', "with the target's export", 'FORBIDDEN', (api, w) => api.account.import(w.targetExport)],
  [
    'account.import',
    'stranger',
    "with the target's export, altered",
    'BAD_REQUEST',
    (api, w) => api.account.import({ ...w.targetExport, assessments: [] }),
  ],
  ['account.delete', 'anonymous', '', 'UNAUTHORIZED', (api) => api.account.delete({ password: PASSWORD })],
  [
    'account.delete',
    'stranger',
    'with a wrong password',
    'FORBIDDEN',
    (api) => api.account.delete({ password: 'password123' }),
  ],
  [
    'account.updateProfile',
    'anonymous',
    '',
    'UNAUTHORIZED',
    (api) => api.account.updateProfile({ displayName: 'Mallory' }),
  ],
  [
    'account.changeEmail',
    'anonymous',
    "to the target's email",
    'UNAUTHORIZED',
    (api, w) => api.account.changeEmail({ email: w.target.a.email, currentPassword: PASSWORD }),
  ],
  [
    'account.changeEmail',
    'stranger',
    'with a wrong password',
    'FORBIDDEN',
    (api) => api.account.changeEmail({ email: 'sam-moves@example.test', currentPassword: 'password123' }),
  ],
  // A coach's own account, a partner's email: taken is taken, whoever asks.
  [
    'account.changeEmail',
    'coach',
    "to the target's email",
    'CONFLICT',
    (api, w) => api.account.changeEmail({ email: w.target.a.email, currentPassword: PASSWORD }),
  ],
  ['couple.leave', 'anonymous', '', 'UNAUTHORIZED', (api) => api.couple.leave({})],
  ['couple.leave', 'coach', '', 'FORBIDDEN', (api) => api.couple.leave({})],
  ['couple.leave', 'loner', '(no couple)', 'CONFLICT', (api) => api.couple.leave({})],
  // A revoked coach is refused on the next request, everywhere.
  ['couple.get', 'revokedCoach', 'of the target', 'FORBIDDEN', (api, w) => api.couple.get(target(w))],
  ['assessment.history', 'revokedCoach', 'of the target', 'FORBIDDEN', (api, w) => api.assessment.history(target(w))],
  [
    'assessment.weekStatus',
    'revokedCoach',
    'of the target',
    'FORBIDDEN',
    (api, w) => api.assessment.weekStatus(target(w)),
  ],
  ['dashboard.get', 'revokedCoach', 'of the target', 'FORBIDDEN', (api, w) => api.dashboard.get(target(w))],
  ['suggestion.next', 'revokedCoach', 'of the target', 'FORBIDDEN', (api, w) => api.suggestion.next(target(w))],
  ['activity.list', 'revokedCoach', 'of the target', 'FORBIDDEN', (api, w) => api.activity.list(target(w))],
  // A coach calling partner procedures.
  [
    'assessment.submit',
    'invitedCoach',
    '',
    'FORBIDDEN',
    (api) => api.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(5) }),
  ],
  ['couple.inviteCoach', 'anonymous', '', 'UNAUTHORIZED', (api) => api.couple.inviteCoach({})],
  ['couple.inviteCoach', 'invitedCoach', '', 'FORBIDDEN', (api) => api.couple.inviteCoach({})],
  ['couple.inviteCoach', 'loner', '(no couple)', 'CONFLICT', (api) => api.couple.inviteCoach({})],
  [
    'couple.revokeCoach',
    'anonymous',
    '',
    'UNAUTHORIZED',
    (api, w) => api.couple.revokeCoach({ coachId: w.invitedCoach.user.id }),
  ],
  [
    'couple.revokeCoach',
    'invitedCoach',
    'revoking itself',
    'FORBIDDEN',
    (api, w) => api.couple.revokeCoach({ coachId: w.invitedCoach.user.id }),
  ],
  [
    'couple.revokeCoach',
    'stranger',
    "the target's coach",
    'NOT_FOUND',
    (api, w) => api.couple.revokeCoach({ coachId: w.invitedCoach.user.id }),
  ],
  [
    'couple.revokeCoach',
    'loner',
    "the target's coach",
    'CONFLICT',
    (api, w) => api.couple.revokeCoach({ coachId: w.invitedCoach.user.id }),
  ],
  ['couple.coachAccessLog', 'anonymous', '', 'UNAUTHORIZED', (api) => api.couple.coachAccessLog()],
  ['couple.coachAccessLog', 'invitedCoach', '', 'FORBIDDEN', (api) => api.couple.coachAccessLog()],
  // A partner calling coach procedures.
  [
    'coach.accept',
    'anonymous',
    "the target's open code",
    'UNAUTHORIZED',
    (api, w) => api.coach.accept({ coachCode: w.openCoachCode }),
  ],
  [
    'coach.accept',
    'stranger',
    "the target's open code",
    'FORBIDDEN',
    (api, w) => api.coach.accept({ coachCode: w.openCoachCode }),
  ],
  [
    'coach.accept',
    'invitedCoach',
    'a code of a couple it already coaches',
    'CONFLICT',
    (api, w) => api.coach.accept({ coachCode: w.openCoachCode }),
  ],
  ['coach.roster', 'anonymous', '', 'UNAUTHORIZED', (api) => api.coach.roster()],
  ['coach.roster', 'stranger', '', 'FORBIDDEN', (api) => api.coach.roster()],
  ...coachCoupleRefusals(),
  ...measureRefusals(),
  // Ana's partner shares the couple, not what she keeps to herself.
  [
    'reflection.save',
    'partner',
    "editing Ana's private reflection",
    'NOT_FOUND',
    (api, w) => api.reflection.save({ id: w.reflectionId, practiceId: 'trust', body: 'Mine now' }),
  ],
  [
    'reflection.setVisibility',
    'partner',
    "of Ana's private reflection",
    'NOT_FOUND',
    (api, w) => api.reflection.setVisibility({ id: w.reflectionId, visibility: 'partner' }),
  ],
  [
    'reflection.delete',
    'partner',
    "Ana's private reflection",
    'NOT_FOUND',
    (api, w) => api.reflection.delete({ id: w.reflectionId }),
  ],
  [
    'reflection.save',
    'partner',
    'editing what Ana shared with Fay',
    'NOT_FOUND',
    (api, w) => api.reflection.save({ id: w.sharedWithFayId, practiceId: 'trust', body: 'Mine now' }),
  ],
  // Fay, whom Ana left: the couple Ana is in now is as closed to her as to a stranger, and so is what Ana once shared with her.
  ...formerPartnerRefusals(),
  [
    'couple.join',
    'partner',
    'another couple with an open code',
    'CONFLICT',
    (api, w) => api.couple.join({ inviteCode: w.openCode }),
  ],
  ['coach.roster', 'partner', '', 'FORBIDDEN', (api) => api.coach.roster()],
  [
    'account.delete',
    'partner',
    "with Ana's password guessed wrong",
    'FORBIDDEN',
    (api) => api.account.delete({ password: 'password123' }),
  ],
  // Reminders and calendar links: each acts on the caller's own account only, and no input can name another's.
  ['reminder.get', 'anonymous', '', 'UNAUTHORIZED', (api) => api.reminder.get()],
  ['reminder.set', 'anonymous', '', 'UNAUTHORIZED', (api) => api.reminder.set(REMINDERS_ON)],
  [
    'reminder.set',
    'coach',
    "turning on a partner's email",
    'BAD_REQUEST',
    (api) => api.reminder.set({ ...REMINDERS_ON, email: { ...REMINDERS_ON.email, partnerCheckedIn: true } }),
  ],
  [
    'reminder.set',
    'stranger',
    "turning on a coach's digest",
    'BAD_REQUEST',
    (api) => api.reminder.set({ ...REMINDERS_ON, email: { ...REMINDERS_ON.email, coachDigest: true } }),
  ],
  [
    'reminder.set',
    'stranger',
    "naming Ana's account",
    'BAD_REQUEST',
    (api, w) => api.reminder.set({ ...REMINDERS_ON, userId: w.target.a.user.id } as never),
  ],
  ['calendar.status', 'anonymous', '', 'UNAUTHORIZED', (api) => api.calendar.status()],
  ['calendar.createLink', 'anonymous', '', 'UNAUTHORIZED', (api) => api.calendar.createLink({})],
  [
    'calendar.createLink',
    'stranger',
    "naming Ana's account",
    'BAD_REQUEST',
    (api, w) => api.calendar.createLink({ userId: w.target.a.user.id } as never),
  ],
  ['calendar.revokeLink', 'anonymous', '', 'UNAUTHORIZED', (api) => api.calendar.revokeLink({})],
  [
    'calendar.revokeLink',
    'stranger',
    "naming Ana's account",
    'BAD_REQUEST',
    (api, w) => api.calendar.revokeLink({ userId: w.target.a.user.id } as never),
  ],
  // Email: the status and confirmations of the caller's own address only; a confirmation link is its own proof.
  ['email.status', 'anonymous', '', 'UNAUTHORIZED', (api) => api.email.status()],
  ['email.sendConfirmation', 'anonymous', '', 'UNAUTHORIZED', (api) => api.email.sendConfirmation({})],
  [
    'email.sendConfirmation',
    'stranger',
    "naming Ana's account",
    'BAD_REQUEST',
    (api, w) => api.email.sendConfirmation({ userId: w.target.a.user.id } as never),
  ],
  // This server sends no email: nothing to confirm with.
  [
    'email.sendConfirmation',
    'coach',
    'without email on the server',
    'CONFLICT',
    (api) => api.email.sendConfirmation({}),
  ],
  ['email.confirm', 'anonymous', 'with a made-up token', 'NOT_FOUND', (api) => api.email.confirm({ token: 'made-up' })],
  ['email.confirm', 'stranger', 'with a made-up token', 'NOT_FOUND', (api) => api.email.confirm({ token: 'made-up' })],
  [
    'auth.requestPasswordReset',
    'stranger',
    "naming Ana's account by id",
    'BAD_REQUEST',
    (api, w) => api.auth.requestPasswordReset({ email: w.stranger.email, userId: w.target.a.user.id } as never),
  ],
];

/** Reminder settings any partner may save. */
const REMINDERS_ON = {
  enabled: true,
  weekday: 7,
  time: '19:00',
  timeZone: 'Europe/Berlin',
  email: { weeklyReminder: true, partnerCheckedIn: false, bothAnswered: false, coachDigest: false },
};

/** Every coach procedure about one couple, from everyone who may not: no session, a partner, an uninvited or revoked coach. */
function coachCoupleRefusals(): [string, Who, string, TRPCError['code'], Call][] {
  const calls: [string, Call][] = [
    ['coach.assignFocus', (api, w) => api.coach.assignFocus({ ...target(w), practiceId: 'trust' })],
    ['coach.focus', (api, w) => api.coach.focus(target(w))],
    ['coach.listNotes', (api, w) => api.coach.listNotes(target(w))],
    ['coach.addNote', (api, w) => api.coach.addNote({ ...target(w), body: 'mine' })],
    ['coach.updateNote', (api, w) => api.coach.updateNote({ ...target(w), noteId: 'n1', body: 'mine' })],
    ['coach.deleteNote', (api, w) => api.coach.deleteNote({ ...target(w), noteId: 'n1' })],
  ];
  const callers: [Who, TRPCError['code']][] = [
    ['anonymous', 'UNAUTHORIZED'],
    ['stranger', 'FORBIDDEN'],
    ['formerPartner', 'FORBIDDEN'],
    ['coach', 'FORBIDDEN'],
    ['revokedCoach', 'FORBIDDEN'],
  ];
  return calls.flatMap(([procedure, call]) =>
    callers.map(([who, code]): [string, Who, string, TRPCError['code'], Call] => [
      procedure,
      who,
      'for the target',
      code,
      call,
    ]),
  );
}

/**
 * Measures: a coach's own (another coach's reads like none), scheduled only with consent; a partner answers only
 * their own couple's schedules, for themselves, and never reads item answers; after revocation nothing answers.
 */
function measureRefusals(): [string, Who, string, TRPCError['code'], Call][] {
  const answer = (w: World) => ({ assignmentId: w.assignmentId, period: THIS_WEEK, answers: [3] });
  const results = (w: World) => ({ ...target(w), assignmentId: w.assignmentId });
  const assign = (measureId: string, w: World) => ({ ...target(w), measureId, everyWeeks: 1, visibleToCouple: true });
  const rows: [string, Who, string, TRPCError['code'], Call][] = [
    ['measure.create', 'partner', '', 'FORBIDDEN', (api) => api.measure.create(ONE_ITEM)],
    [
      'measure.update',
      'partner',
      "of the couple's coach",
      'FORBIDDEN',
      (api, w) => api.measure.update({ ...ONE_ITEM, measureId: w.measureId }),
    ],
    [
      'measure.update',
      'coach',
      "another coach's measure",
      'NOT_FOUND',
      (api, w) => api.measure.update({ ...ONE_ITEM, measureId: w.measureId }),
    ],
    [
      'measure.update',
      'revokedCoach',
      "another coach's measure",
      'NOT_FOUND',
      (api, w) => api.measure.update({ ...ONE_ITEM, measureId: w.measureId }),
    ],
    ['measure.archive', 'partner', '', 'FORBIDDEN', (api, w) => api.measure.archive({ measureId: w.measureId })],
    [
      'measure.archive',
      'coach',
      "another coach's measure",
      'NOT_FOUND',
      (api, w) => api.measure.archive({ measureId: w.measureId }),
    ],
    ['measure.delete', 'partner', '', 'FORBIDDEN', (api, w) => api.measure.delete({ measureId: w.measureId })],
    [
      'measure.delete',
      'revokedCoach',
      "another coach's measure",
      'NOT_FOUND',
      (api, w) => api.measure.delete({ measureId: w.measureId }),
    ],
    ['measure.list', 'partner', '', 'FORBIDDEN', (api) => api.measure.list()],
    ['measure.list', 'stranger', '', 'FORBIDDEN', (api) => api.measure.list()],
    ['measure.assign', 'partner', '', 'FORBIDDEN', (api, w) => api.measure.assign(assign(w.measureId, w))],
    ['measure.assign', 'coach', '(not invited)', 'FORBIDDEN', (api, w) => api.measure.assign(assign(w.measureId, w))],
    [
      'measure.assign',
      'revokedCoach',
      'its own measure',
      'FORBIDDEN',
      (api, w) => api.measure.assign(assign(w.revokedMeasureId, w)),
    ],
    [
      'measure.unassign',
      'partner',
      '',
      'FORBIDDEN',
      (api, w) => api.measure.unassign({ assignmentId: w.assignmentId }),
    ],
    [
      'measure.unassign',
      'coach',
      "another coach's schedule",
      'NOT_FOUND',
      (api, w) => api.measure.unassign({ assignmentId: w.assignmentId }),
    ],
    [
      'measure.unassign',
      'revokedCoach',
      'its own schedule',
      'FORBIDDEN',
      (api, w) => api.measure.unassign({ assignmentId: w.revokedAssignmentId }),
    ],
    ['measure.assignments', 'stranger', 'of the target', 'FORBIDDEN', (api, w) => api.measure.assignments(target(w))],
    ['measure.assignments', 'coach', 'of the target', 'FORBIDDEN', (api, w) => api.measure.assignments(target(w))],
    [
      'measure.assignments',
      'revokedCoach',
      'of the target',
      'FORBIDDEN',
      (api, w) => api.measure.assignments(target(w)),
    ],
    ['measure.assignments', 'invitedCoach', 'without coupleId', 'BAD_REQUEST', (api) => api.measure.assignments()],
    ['measure.due', 'coach', '', 'FORBIDDEN', (api) => api.measure.due()],
    ['measure.answer', 'coach', '', 'FORBIDDEN', (api, w) => api.measure.answer(answer(w))],
    ['measure.answer', 'invitedCoach', 'its own schedule', 'FORBIDDEN', (api, w) => api.measure.answer(answer(w))],
    ['measure.answer', 'stranger', "the target's schedule", 'NOT_FOUND', (api, w) => api.measure.answer(answer(w))],
    ['measure.answer', 'loner', "the target's schedule", 'NOT_FOUND', (api, w) => api.measure.answer(answer(w))],
    [
      'measure.answer',
      'formerPartner',
      "the target's schedule",
      'NOT_FOUND',
      (api, w) => api.measure.answer(answer(w)),
    ],
    [
      'measure.answer',
      'partner',
      'for Ana',
      'BAD_REQUEST',
      (api, w) => api.measure.answer({ ...answer(w), userId: w.target.a.user.id } as never),
    ],
    // The revocation stopped the revoked coach's schedule: nothing is due on it.
    [
      'measure.answer',
      'partner',
      "the revoked coach's schedule",
      'BAD_REQUEST',
      (api, w) => api.measure.answer({ ...answer(w), assignmentId: w.revokedAssignmentId }),
    ],
    [
      'measure.skip',
      'coach',
      '',
      'FORBIDDEN',
      (api, w) => api.measure.skip({ assignmentId: w.assignmentId, period: THIS_WEEK }),
    ],
    [
      'measure.skip',
      'stranger',
      "the target's schedule",
      'NOT_FOUND',
      (api, w) => api.measure.skip({ assignmentId: w.assignmentId, period: THIS_WEEK }),
    ],
    [
      'measure.skip',
      'partner',
      'for Ana',
      'BAD_REQUEST',
      (api, w) =>
        api.measure.skip({ assignmentId: w.assignmentId, period: THIS_WEEK, userId: w.target.a.user.id } as never),
    ],
    ['measure.results', 'stranger', 'of the target', 'FORBIDDEN', (api, w) => api.measure.results(results(w))],
    [
      'measure.results',
      'stranger',
      "the target's schedule, naming no couple",
      'FORBIDDEN',
      (api, w) => api.measure.results({ assignmentId: w.assignmentId }),
    ],
    ['measure.results', 'loner', 'of the target', 'FORBIDDEN', (api, w) => api.measure.results(results(w))],
    ['measure.results', 'formerPartner', 'of the target', 'FORBIDDEN', (api, w) => api.measure.results(results(w))],
    ['measure.results', 'coach', 'of the target', 'FORBIDDEN', (api, w) => api.measure.results(results(w))],
    [
      'measure.results',
      'revokedCoach',
      'its own schedule',
      'FORBIDDEN',
      (api, w) => api.measure.results({ ...target(w), assignmentId: w.revokedAssignmentId }),
    ],
    [
      'measure.results',
      'invitedCoach',
      "the revoked coach's schedule",
      'FORBIDDEN',
      (api, w) => api.measure.results({ ...target(w), assignmentId: w.revokedAssignmentId }),
    ],
    ['measure.kept', 'invitedCoach', '', 'FORBIDDEN', (api) => api.measure.kept()],
    ...(['invitedCoach', 'stranger', 'partner', 'formerPartner'] as const).map(
      (who): [string, Who, string, TRPCError['code'], Call] => [
        'measure.deleteKept',
        who,
        "Ana's kept answers",
        who === 'invitedCoach' ? 'FORBIDDEN' : 'NOT_FOUND',
        (api, w) => api.measure.deleteKept({ measureId: w.keptMeasureId }),
      ],
    ),
  ];
  // No session: every procedure asks for one first.
  const anonymous: [string, Call][] = [
    ['measure.create', (api) => api.measure.create(ONE_ITEM)],
    ['measure.update', (api, w) => api.measure.update({ ...ONE_ITEM, measureId: w.measureId })],
    ['measure.archive', (api, w) => api.measure.archive({ measureId: w.measureId })],
    ['measure.delete', (api, w) => api.measure.delete({ measureId: w.measureId })],
    ['measure.list', (api) => api.measure.list()],
    ['measure.assign', (api, w) => api.measure.assign(assign(w.measureId, w))],
    ['measure.unassign', (api, w) => api.measure.unassign({ assignmentId: w.assignmentId })],
    ['measure.assignments', (api, w) => api.measure.assignments(target(w))],
    ['measure.due', (api) => api.measure.due()],
    ['measure.answer', (api, w) => api.measure.answer(answer(w))],
    ['measure.skip', (api, w) => api.measure.skip({ assignmentId: w.assignmentId, period: THIS_WEEK })],
    ['measure.results', (api, w) => api.measure.results(results(w))],
    ['measure.kept', (api) => api.measure.kept()],
    ['measure.deleteKept', (api, w) => api.measure.deleteKept({ measureId: w.keptMeasureId })],
  ];
  return [
    ...anonymous.map(([procedure, call]): [string, Who, string, TRPCError['code'], Call] => [
      procedure,
      'anonymous',
      '',
      'UNAUTHORIZED',
      call,
    ]),
    ...rows,
  ];
}

/** Every read of the target couple, and every write to what Ana shared with her, from Ana's former partner. */
function formerPartnerRefusals(): [string, Who, string, TRPCError['code'], Call][] {
  const reads: [string, Call][] = [
    ['couple.get', (api, w) => api.couple.get(target(w))],
    ['assessment.history', (api, w) => api.assessment.history(target(w))],
    ['assessment.weekStatus', (api, w) => api.assessment.weekStatus({ ...target(w), week: FAY_WEEK })],
    ['dashboard.get', (api, w) => api.dashboard.get({ ...target(w), range: 'all' })],
    ['suggestion.next', (api, w) => api.suggestion.next(target(w))],
    ['focus.list', (api, w) => api.focus.list(target(w))],
    ['reflection.list', (api, w) => api.reflection.list(target(w))],
    ['activity.list', (api, w) => api.activity.list(target(w))],
  ];
  const writes: [string, Call][] = [
    [
      'reflection.save',
      (api, w) => api.reflection.save({ id: w.sharedWithFayId, practiceId: 'trust', body: 'Mine now' }),
    ],
    [
      'reflection.setVisibility',
      (api, w) => api.reflection.setVisibility({ id: w.sharedWithFayId, visibility: 'partner' }),
    ],
    ['reflection.delete', (api, w) => api.reflection.delete({ id: w.sharedWithFayId })],
  ];
  return [
    ...reads.map(([procedure, call]): [string, Who, string, TRPCError['code'], Call] => [
      procedure,
      'formerPartner',
      'of the couple Ana formed after leaving her',
      'FORBIDDEN',
      call,
    ]),
    ...writes.map(([procedure, call]): [string, Who, string, TRPCError['code'], Call] => [
      procedure,
      'formerPartner',
      'of what Ana once shared with her',
      'NOT_FOUND',
      call,
    ]),
  ];
}

describe('refused calls', () => {
  it.each(refusals)('%s by the %s %s: %s, nothing changes', async (_procedure, who, _how, code, call) => {
    const api = await callerFor(who);
    await expectRefusedUnchanged(app, () => call(api, world), code);
    // Nothing changed, so the next refusal may start from this same world.
    worlds.keepForNextTest();
  });

  it('answers "not yours" and "does not exist" alike, so couple ids cannot be probed', async () => {
    const api = await world.stranger.api();
    const [theirs, unknown] = await Promise.all([
      api.assessment.history(target(world)).catch((e: TRPCError) => e),
      api.assessment.history({ coupleId: 'no-such-couple' }).catch((e: TRPCError) => e),
    ]);
    expect([(theirs as TRPCError).code, (theirs as TRPCError).message]).toEqual([
      (unknown as TRPCError).code,
      (unknown as TRPCError).message,
    ]);
  });
});

/** The sentences of an `activity.list` answer, sorted (a test's steps often share one instant of its clock). */
const feedTexts = (r: unknown) => (r as { items: { text: string }[] }).items.map((i) => i.text).sort();

/** Allowed calls: each answers with the caller's own data and nothing of the target. */
const allowed: [string, Who, Call, (result: unknown, w: World) => void][] = [
  [
    'auth.signup',
    'anonymous',
    (api) =>
      api.auth.signup({ email: 'new-person@example.test', password: PASSWORD, displayName: 'New', role: 'partner' }),
    (r) => expect(r).toMatchObject({ coupleId: null }),
  ],
  [
    'auth.login',
    'anonymous',
    (api, w) => api.auth.login({ email: w.stranger.email, password: PASSWORD }),
    (r, w) => expect(r).toMatchObject({ id: w.stranger.user.id, email: w.stranger.email }),
  ],
  ['auth.logout', 'stranger', (api) => api.auth.logout(), (r) => expect(r).toEqual({ ok: true })],
  // Public so that a browser with an expired session can still clear its cookie; it ends no one else's session.
  ['auth.logout', 'anonymous', (api) => api.auth.logout(), (r) => expect(r).toEqual({ ok: true })],
  ['auth.me', 'anonymous', (api) => api.auth.me(), (r) => expect(r).toBeNull()],
  ['auth.me', 'coach', (api) => api.auth.me(), (r, w) => expect(r).toEqual(w.coach.user)],
  ['practice.list', 'anonymous', (api) => api.practice.list(), (r) => expect(r).toEqual(PRACTICES)],
  ['practice.list', 'coach', (api) => api.practice.list(), (r) => expect(r).toEqual(PRACTICES)],
  ['couple.create', 'loner', (api) => api.couple.create({}), (r, w) => expect(r).not.toMatchObject(target(w))],
  [
    'couple.join',
    'loner',
    (api, w) => api.couple.join({ inviteCode: w.openCode }),
    (r, w) => expect(r).not.toMatchObject(target(w)),
  ],
  [
    'couple.get',
    'stranger',
    (api) => api.couple.get(),
    (r, w) => expect((r as { partners: { id: string }[] }).partners.map((p) => p.id)).toContain(w.stranger.user.id),
  ],
  [
    'assessment.submit',
    'stranger',
    (api) => api.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(2) }),
    (r) => expect(r).toMatchObject({ week: THIS_WEEK, note: null }),
  ],
  ['assessment.mine', 'stranger', (api) => api.assessment.mine({ week: THIS_WEEK }), (r) => expect(r).toBeNull()],
  [
    'assessment.history',
    'stranger',
    (api) => api.assessment.history(),
    (r, w) =>
      expect((r as { partners: { userId: string }[] }).partners.map((p) => p.userId)).toContain(w.stranger.user.id),
  ],
  [
    'assessment.history',
    'loner',
    (api) => api.assessment.history(),
    (r, w) => expect(r).toEqual({ partners: [{ userId: w.loner.user.id, displayName: 'Lone', entries: [] }] }),
  ],
  [
    'assessment.weekStatus',
    'stranger',
    (api) => api.assessment.weekStatus(),
    (r, w) =>
      expect((r as { partners: { userId: string }[] }).partners.map((p) => p.userId)).toContain(w.stranger.user.id),
  ],
  [
    'dashboard.get',
    'stranger',
    (api) => api.dashboard.get({ range: 'all' }),
    (r, w) =>
      expect((r as { partners: { userId: string }[] }).partners.map((p) => p.userId)).toContain(w.stranger.user.id),
  ],
  [
    'dashboard.get',
    'loner',
    (api) => api.dashboard.get(),
    (r, w) => expect(r).toMatchObject({ partners: [{ userId: w.loner.user.id, displayName: 'Lone' }], isEmpty: true }),
  ],
  [
    'suggestion.next',
    'loner',
    (api) => api.suggestion.next(),
    (r) => expect(r).toMatchObject({ practiceId: 'communication' }),
  ],
  [
    'focus.adopt',
    'stranger',
    (api) => api.focus.adopt({ practiceId: 'presence' }),
    (r, w) => expect(r).toMatchObject({ practiceId: 'presence', adoptedBy: { id: w.stranger.user.id } }),
  ],
  ['focus.clear', 'stranger', (api) => api.focus.clear(), (r) => expect(r).toEqual({ ok: true })],
  ['focus.list', 'stranger', (api) => api.focus.list(), (r) => expect(r).toEqual({ current: null, history: [] })],
  ['focus.list', 'loner', (api) => api.focus.list(), (r) => expect(r).toEqual({ current: null, history: [] })],
  ['reflection.list', 'stranger', (api) => api.reflection.list({ practiceId: 'trust' }), (r) => expect(r).toEqual([])],
  [
    'reflection.save',
    'stranger',
    (api) => api.reflection.save({ practiceId: 'trust', body: 'My own' }),
    (r, w) => expect(r).toMatchObject({ body: 'My own', visibility: 'private', author: { id: w.stranger.user.id } }),
  ],
  [
    'reflection.setVisibility',
    'stranger',
    async (api) =>
      api.reflection.setVisibility({
        id: (await api.reflection.save({ practiceId: 'trust', body: 'Mine' })).id,
        visibility: 'partner',
      }),
    (r) => expect(r).toMatchObject({ visibility: 'partner', mine: true }),
  ],
  [
    'reflection.delete',
    'stranger',
    async (api) => api.reflection.delete({ id: (await api.reflection.save({ practiceId: 'trust', body: 'Mine' })).id }),
    (r) => expect(r).toEqual({ ok: true }),
  ],
  [
    'couple.inviteCoach',
    'stranger',
    (api) => api.couple.inviteCoach({}),
    (r) => expect(r).toMatchObject({ coachCode: expect.any(String) }),
  ],
  ['couple.coachAccessLog', 'stranger', (api) => api.couple.coachAccessLog(), (r) => expect(r).toEqual([])],
  ['coach.roster', 'coach', (api) => api.coach.roster(), (r) => expect(r).toEqual([])],
  ['demo.available', 'anonymous', (api) => api.demo.available(), (r) => expect(r).toEqual({ enabled: true })],
  ['auth.logoutEverywhere', 'stranger', (api) => api.auth.logoutEverywhere(), (r) => expect(r).toEqual({ ok: true })],
  [
    'auth.changePassword',
    'stranger',
    (api) => api.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'a new password here' }),
    (r) => expect(r).toEqual({ ok: true, otherSessionsEnded: 0 }),
  ],
  [
    'auth.resetPassword',
    'anonymous',
    async (api, w) => {
      const reset = await issuePasswordReset(app.database.db, w.loner.email, WEDNESDAY, 60 * 60 * 1000);
      return api.auth.resetPassword({ token: reset!.token, newPassword: 'a new password here' });
    },
    (r) => expect(r).toEqual({ ok: true }),
  ],
  [
    'account.export',
    'stranger',
    (api) => api.account.export(),
    (r, w) => expect(r).toMatchObject({ user: { id: w.stranger.user.id } }),
  ],
  [
    'account.export',
    'coach',
    (api) => api.account.export(),
    (r, w) => expect(r).toMatchObject({ user: { id: w.coach.user.id }, couple: null }),
  ],
  [
    'account.import',
    'loner',
    async (api) => api.account.import(await api.account.export()),
    (r) => expect(r).toEqual({ imported: 0, reflections: 0 }),
  ],
  [
    'account.delete',
    'loner',
    (api) => api.account.delete({ password: PASSWORD }),
    (r) => expect(r).toEqual({ ok: true }),
  ],
  [
    'account.updateProfile',
    'stranger',
    (api) => api.account.updateProfile({ displayName: 'Sam R.' }),
    (r, w) => expect(r).toMatchObject({ id: w.stranger.user.id, displayName: 'Sam R.' }),
  ],
  [
    'account.updateProfile',
    'coach',
    (api) => api.account.updateProfile({ displayName: 'Coach Cy' }),
    (r, w) => expect(r).toMatchObject({ id: w.coach.user.id, role: 'coach', displayName: 'Coach Cy' }),
  ],
  [
    'account.changeEmail',
    'loner',
    (api) => api.account.changeEmail({ email: 'lone-moves@example.test', currentPassword: PASSWORD }),
    (r, w) => expect(r).toMatchObject({ id: w.loner.user.id, email: 'lone-moves@example.test' }),
  ],
  ['couple.leave', 'stranger', (api) => api.couple.leave({}), (r) => expect(r).toEqual({ ok: true })],
  [
    'demo.start',
    'anonymous',
    (api) => api.demo.start(),
    (r, w) => expect(r).toMatchObject({ isDemo: true, coupleId: expect.not.stringMatching(`^${w.target.coupleId}$`) }),
  ],
  // Fay, Ana's former partner, alone in the couple Ana left: her own weeks, and nothing of Ana's.
  [
    'assessment.history',
    'formerPartner',
    (api) => api.assessment.history(),
    (r, w) =>
      expect(r).toEqual({
        partners: [
          {
            userId: w.formerPartner.user.id,
            displayName: 'Fay',
            entries: [expect.objectContaining({ week: FAY_WEEK })],
          },
        ],
      }),
  ],
  [
    'dashboard.get',
    'formerPartner',
    (api) => api.dashboard.get({ range: 'all' }),
    (r, w) => expect(r).toMatchObject({ partners: [{ userId: w.formerPartner.user.id }], isEmpty: false }),
  ],
  ['reflection.list', 'formerPartner', (api) => api.reflection.list(), (r) => expect(r).toEqual([])],
  // Fay's own couple's feed: what she lived through there, up to Ana's leaving; nothing of the couple Ana formed since,
  // and not Ana's name, which is hers to change now. (Sorted: several happened at the same instant of the test's clock.)
  [
    'activity.list',
    'formerPartner',
    (api) => api.activity.list(),
    (r) =>
      expect(feedTexts(r)).toEqual([
        'A former partner checked in for the week of 9 Nov.',
        'A former partner left the couple.',
        'Coach access for Coach Gus began.',
        'You checked in for the week of 9 Nov.',
        'You joined the couple.',
      ]),
  ],
  [
    'activity.list',
    'stranger',
    (api) => api.activity.list(),
    (r) => expect(feedTexts(r)).toEqual(['Tess joined you.']),
  ],
  ['activity.list', 'loner', (api) => api.activity.list(), (r) => expect(r).toEqual({ items: [], nextBefore: null })],
  [
    'assessment.weekStatus',
    'formerPartner',
    (api) => api.assessment.weekStatus({ week: FAY_WEEK }),
    (r, w) =>
      expect(r).toEqual({
        week: FAY_WEEK,
        partners: [{ userId: w.formerPartner.user.id, displayName: 'Fay', submitted: true }],
      }),
  ],
  ['email.available', 'anonymous', (api) => api.email.available(), (r) => expect(r).toEqual({ available: false })],
  [
    'email.status',
    'stranger',
    (api) => api.email.status(),
    (r, w) => expect(r).toEqual({ configured: false, address: w.stranger.email, confirmed: false }),
  ],
  // The same answer for anyone's address, and nothing is sent or stored (this server has no email).
  [
    'auth.requestPasswordReset',
    'anonymous',
    (api, w) => api.auth.requestPasswordReset({ email: w.target.a.email }),
    (r) => expect(r).toEqual({ ok: true }),
  ],
  [
    'auth.requestPasswordReset',
    'coach',
    (api) => api.auth.requestPasswordReset({ email: 'nobody-here@example.test' }),
    (r) => expect(r).toEqual({ ok: true }),
  ],
  // Ana's kept answers reach nobody else, not even her partner or the partner she had before.
  ['measure.kept', 'stranger', (api) => api.measure.kept(), (r) => expect(r).toEqual([])],
  ['measure.kept', 'partner', (api) => api.measure.kept(), (r) => expect(r).toEqual([])],
  ['measure.kept', 'formerPartner', (api) => api.measure.kept(), (r) => expect(r).toEqual([])],
];

describe('allowed calls stay within the caller’s own data', () => {
  it.each(allowed)('%s by the %s', async (_procedure, who, call, check) => {
    const api = await callerFor(who);
    const result = await call(api, world);
    check(result, world);
    const text = JSON.stringify(result);
    for (const secret of [
      SECRET_NOTE,
      SECRET_REFLECTION,
      world.reflectionId,
      'private note of Ben',
      world.target.a.user.id,
      world.target.b.user.id,
      world.target.coupleId,
      ...ANA_WITH_FAY,
      world.sharedWithFayId,
      KEPT_MEASURE,
      world.keptMeasureId,
    ]) {
      expect(text).not.toContain(secret);
    }
    // The target couple is exactly as it was.
    expect((await (await world.target.a.api()).couple.get()).partners).toHaveLength(2);
    expect(await (await world.target.a.api()).assessment.mine({ week: THIS_WEEK })).toMatchObject({
      ratings: ratingsOf(8),
      note: SECRET_NOTE,
    });
    // Ana keeps what she shared with Fay; nobody else reads it now, so it reads as private to her.
    expect(await (await world.target.a.api()).reflection.list()).toMatchObject([
      { id: world.reflectionId, body: SECRET_REFLECTION, visibility: 'private' },
      { id: world.sharedWithFayId, body: SHARED_WITH_FAY, visibility: 'private' },
    ]);
    expect((await (await world.target.b.api()).focus.list()).current).toMatchObject({ practiceId: 'trust' });
  });
});

/** The invited coach reads the target's shared data and writes its own; never a private note, never a week under wraps. */
const invitedCoachCalls: [string, Call, (result: unknown, w: World) => void][] = [
  [
    'couple.get',
    (api, w) => api.couple.get(target(w)),
    (r, w) => expect(r).toMatchObject({ coupleId: w.target.coupleId, coaches: [{ id: w.invitedCoach.user.id }] }),
  ],
  [
    'assessment.history',
    (api, w) => api.assessment.history(target(w)),
    (r) => {
      const weeks = (r as { partners: { entries: { week: string }[] }[] }).partners.flatMap((p) =>
        p.entries.map((e) => e.week),
      );
      expect(weeks).toEqual([LAST_WEEK, LAST_WEEK]);
    },
  ],
  [
    'assessment.weekStatus',
    (api, w) => api.assessment.weekStatus(target(w)),
    (r) => expect((r as { partners: unknown[] }).partners).toHaveLength(2),
  ],
  // Ana's week with Fay is no week of this couple: not even whether she logged it is told.
  [
    'assessment.weekStatus',
    (api, w) => api.assessment.weekStatus({ ...target(w), week: FAY_WEEK }),
    (r) => {
      expect((r as { partners: { submitted: boolean }[] }).partners.map((p) => p.submitted)).toEqual([false, false]);
    },
  ],
  // Neither Ana's private reflection nor what she shared with Fay and Fay's coach.
  ['reflection.list', (api, w) => api.reflection.list(target(w)), (r) => expect(r).toEqual([])],
  // What changed since this coach was let in: nothing from before, nothing of Ana's time with Fay, no rating or note.
  [
    'activity.list',
    (api, w) => api.activity.list(target(w)),
    (r) =>
      expect(feedTexts(r)).toEqual([
        'Ana checked in for the week of 16 Nov.',
        'Ana checked in for the week of 23 Nov.',
        'Ana chose a new focus for the couple.',
        'Ben checked in for the week of 16 Nov.',
        'Coach access for Coach Rex began.',
        'Coach access for Coach Rex ended.',
        'Your access as their coach began.',
      ]),
  ],
  [
    'focus.list',
    (api, w) => api.focus.list(target(w)),
    (r) => expect(r).toMatchObject({ current: { practiceId: 'trust' }, history: [{ practiceId: 'trust' }] }),
  ],
  [
    'dashboard.get',
    (api, w) => api.dashboard.get({ ...target(w), range: 'all' }),
    (r) => expect(r).toMatchObject({ isEmpty: false }),
  ],
  [
    'suggestion.next',
    (api, w) => api.suggestion.next(target(w)),
    (r) => expect((r as { ranking: unknown[] }).ranking).toHaveLength(10),
  ],
  // A second couple (the stranger's) invites the same coach.
  [
    'coach.accept',
    async (api, w) =>
      (await w.stranger.api()).couple.inviteCoach({}).then(({ coachCode }) => api.coach.accept({ coachCode })),
    (r, w) => expect(r).not.toEqual(target(w)),
  ],
  [
    'coach.roster',
    (api) => api.coach.roster(),
    (r, w) => expect((r as { coupleId: string }[]).map((row) => row.coupleId)).toEqual([w.target.coupleId]),
  ],
  [
    'coach.assignFocus',
    (api, w) => api.coach.assignFocus({ ...target(w), practiceId: 'trust' }),
    (r) => expect(r).toEqual({ ok: true }),
  ],
  ['coach.focus', (api, w) => api.coach.focus(target(w)), (r) => expect(r).toBeNull()],
  ['coach.listNotes', (api, w) => api.coach.listNotes(target(w)), (r) => expect(r).toEqual([])],
  [
    'coach.addNote',
    (api, w) => api.coach.addNote({ ...target(w), body: 'first session' }),
    (r) => expect(r).toMatchObject({ body: 'first session' }),
  ],
  [
    'coach.updateNote',
    async (api, w) =>
      api.coach.updateNote({
        ...target(w),
        noteId: (await api.coach.addNote({ ...target(w), body: 'a' })).id,
        body: 'b',
      }),
    (r) => expect(r).toEqual({ ok: true }),
  ],
  [
    'coach.deleteNote',
    async (api, w) =>
      api.coach.deleteNote({ ...target(w), noteId: (await api.coach.addNote({ ...target(w), body: 'a' })).id }),
    (r) => expect(r).toEqual({ ok: true }),
  ],
  [
    'measure.list',
    (api) => api.measure.list(),
    (r, w) => expect(r).toMatchObject([{ measureId: w.measureId, activeAssignments: 1, hasAnswers: false }]),
  ],
  // Only this coach's own schedules, not the revoked coach's.
  [
    'measure.assignments',
    (api, w) => api.measure.assignments(target(w)),
    (r, w) => expect(r).toMatchObject([{ assignmentId: w.assignmentId, endedAt: null }]),
  ],
  [
    'measure.results',
    (api, w) => api.measure.results({ ...target(w), assignmentId: w.assignmentId }),
    (r, w) =>
      expect(r).toMatchObject({
        assignmentId: w.assignmentId,
        partners: [
          { displayName: 'Ana', entries: [] },
          { displayName: 'Ben', entries: [] },
        ],
      }),
  ],
];

describe('the invited coach', () => {
  it.each(invitedCoachCalls)('%s', async (_procedure, call, check) => {
    const result = await call(await world.invitedCoach.api(), world);
    check(result, world);
    const text = JSON.stringify(result) ?? '';
    for (const secret of [SECRET_NOTE, 'private note of Ben', ...ANA_WITH_FAY]) expect(text).not.toContain(secret);
  });

  it('is refused at once when a partner revokes it, in the same session', async () => {
    const api = await world.invitedCoach.api();
    await api.dashboard.get(target(world));
    await (await world.target.a.api()).couple.revokeCoach({ coachId: world.invitedCoach.user.id });
    await expectRefusedUnchanged(app, () => api.dashboard.get(target(world)), 'FORBIDDEN');
  });
});

const PROCEDURES = Object.keys(appRouter._def.procedures).sort();
/** The measure procedures only a coach may call. */
const COACH_MEASURE_PROCEDURES = new Set(
  ['create', 'update', 'archive', 'delete', 'list', 'assign', 'unassign'].map((name) => `measure.${name}`),
);

describe('malformed input', () => {
  const garbage: [string, unknown][] = [
    ['a string', 'x'.repeat(100_000)],
    ['a number', 42],
    ['an array', [1, 2]],
    ['null', null],
    ['an unknown key', { unknown: 1 }],
    ['an object as coupleId', { coupleId: { $ne: null } }],
  ];
  const cases = PROCEDURES.flatMap((procedure) => garbage.map(([label, input]) => [procedure, label, input] as const));

  it.each(cases)('%s with %s is a BAD_REQUEST that changes nothing', async (procedure, _label, input) => {
    // Coach procedures check the role first, so a coach with consent sends them the garbage.
    const caller =
      procedure.startsWith('coach.') || COACH_MEASURE_PROCEDURES.has(procedure) ? world.invitedCoach : world.target.a;
    const api = (await caller.api()) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    const [group, name] = procedure.split('.') as [string, string];
    await expectRefusedUnchanged(app, () => api[group]![name]!(input), 'BAD_REQUEST');
    // Nothing changed, so the next call may start from this same world.
    worlds.keepForNextTest();
  });
});

describe('the matrix', () => {
  it('covers every procedure of the router', () => {
    const covered = new Set([
      ...refusals.map((r) => r[0]),
      ...allowed.map((a) => a[0]),
      ...invitedCoachCalls.map((c) => c[0]),
    ]);
    expect([...covered].sort()).toEqual(PROCEDURES);
  });

  it('lets the partners themselves read their couple', async () => {
    for (const person of [world.target.a, world.target.b]) {
      const api = await person.api();
      expect((await api.couple.get(target(world))).coupleId).toBe(world.target.coupleId);
      expect((await api.assessment.history(target(world))).partners).toHaveLength(2);
      expect((await api.assessment.weekStatus(target(world))).partners).toHaveLength(2);
      expect((await api.dashboard.get(target(world))).partners).toHaveLength(2);
      expect((await api.focus.list(target(world))).current).toMatchObject({ practiceId: 'trust' });
    }
    // Whatever Ben reads of the couple, Ana's private note and private reflection are not in it.
    const ben = await world.partner.api();
    const reads = await Promise.all([
      ben.assessment.history(target(world)),
      ben.dashboard.get({ ...target(world), range: 'all' }),
      ben.suggestion.next(target(world)),
      ben.reflection.list(target(world)),
      ben.focus.list(target(world)),
      ben.account.export(),
      ben.couple.get(target(world)),
    ]);
    for (const secret of [SECRET_NOTE, SECRET_REFLECTION, world.reflectionId, ...ANA_WITH_FAY, world.sharedWithFayId])
      expect(JSON.stringify(reads)).not.toContain(secret);
    // Ana's reflection is private: only she reads it. What she shared with Fay is hers alone now.
    expect(await (await world.target.a.api()).reflection.list(target(world))).toHaveLength(2);
    expect(await (await world.target.b.api()).reflection.list(target(world))).toEqual([]);
  });

  it("shows Ben, Ana's later partner, nothing of her time with Fay, her former partner, in any read", async () => {
    const ben = await world.partner.api();
    const history = await ben.assessment.history(target(world));
    // Ana's this week stays under wraps until Ben answers it too.
    expect(history.partners.map((p) => [p.displayName, p.entries.map((e) => e.week)])).toEqual([
      ['Ana', [LAST_WEEK]],
      ['Ben', [LAST_WEEK]],
    ]);
    expect(
      (await ben.assessment.weekStatus({ ...target(world), week: FAY_WEEK })).partners.map((p) => p.submitted),
    ).toEqual([false, false]);
    const dashboards = await Promise.all(
      (['12w', '6m', '1y', 'all'] as const).map((range) => ben.dashboard.get({ ...target(world), range })),
    );
    // 'all' begins at the couple's first week, not at Ana's week with Fay.
    expect(dashboards[3]!.fromWeek).toBe(LAST_WEEK);
    // Ana's week with Fay was all ones; nothing of it reaches any chart of Ben's.
    for (const dashboard of dashboards) {
      for (const series of dashboard.practices)
        for (const point of series.points) expect(point.values).not.toContain(1);
    }
  });
});
