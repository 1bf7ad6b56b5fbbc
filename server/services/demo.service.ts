import { inTransaction } from '#server/db/dialect';
import { randomBytes, randomUUID } from 'node:crypto';
import type { UserDto } from '#shared/schemas/auth.schema';
import { generateHistory, seededRandom, type PersonProfile } from '#shared/domain/synthetic-history';
import { addWeeks, currentWeek, weekRange, weekStart } from '#shared/week';
import type { DB } from '#server/db/database';
import { checkpointAfterErase } from '#server/db/erase';
import type { AppDeps } from '#server/deps';
import { Forbidden } from '#server/errors';
import { upsertAssessment } from '#server/repositories/assessments.repository';
import { insertCouple, insertMember } from '#server/repositories/couples.repository';
import { deleteDemoDataCreatedBefore } from '#server/repositories/demo.repository';
import { findUserById, insertUser } from '#server/repositories/users.repository';
import { toUserDto } from './caller';
import { startSession, type SessionHandle } from './session.service';

const DEMO_WEEKS = 26;

// Two people with different starting points and different growth, so the charts tell a story worth reading.
const ALEX: PersonProfile = {
  baseline: 6,
  skipRate: 0.08,
  start: { communication: 5, vulnerability: 4, presence: 5, trust: 7, patience: 6, rituals: 4 },
  drift: { communication: 2.5, vulnerability: 2, presence: 1.5, rituals: 3, empathy: 1 },
};
const BLAKE: PersonProfile = {
  baseline: 6.5,
  skipRate: 0.12,
  start: { communication: 6, vulnerability: 6, presence: 4, 'emotional-needs': 5, celebration: 8, trust: 5 },
  drift: { presence: 2.5, 'emotional-needs': 2, trust: 2, patience: -1, 'shared-experiences': 1.5 },
};

const ALEX_NOTES = [
  'Long week at work. I noticed I was on my phone during dinner more than I want to be.',
  'The Sunday walk helped. We talked about the move properly for the first time.',
  'Felt closer this week. I told Blake about the thing with my sister and it went better than I feared.',
  'Tired and a bit short-tempered. Want to do better at listening to the end.',
];

/** Whether this server offers the demo ("Explore the demo" on the login page). */
export function demoAvailability(deps: AppDeps): { enabled: boolean } {
  return { enabled: deps.config.demoEnabled };
}

/**
 * A fresh demo couple with six months of history, logged in as its first partner. The password is unusable, so
 * the account is reachable only through this session; everything is removed after a day.
 */
export async function startDemo(deps: AppDeps, session: SessionHandle): Promise<UserDto> {
  if (!deps.config.demoEnabled) throw new Forbidden('The demo is turned off on this server.');
  const now = deps.now();
  const nowIso = now.toISOString();
  const suffix = randomBytes(6).toString('hex');
  const alexId = randomUUID();
  const blakeId = randomUUID();
  const coupleId = randomUUID();
  const random = seededRandom(parseInt(suffix.slice(0, 8), 16));
  const thisWeek = currentWeek(now);
  const pastWeeks = weekRange(addWeeks(thisWeek, -DEMO_WEEKS), addWeeks(thisWeek, -1));

  await inTransaction(deps.db, async (trx) => {
    await insertDemoUser(trx, alexId, 'Alex', `alex-${suffix}@demo.invalid`, nowIso);
    await insertDemoUser(trx, blakeId, 'Blake', `blake-${suffix}@demo.invalid`, nowIso);
    await insertCouple(trx, { id: coupleId, createdAt: nowIso, isDemo: true });
    // The story is of a couple that has been together all along: partners see each other's weeks only from when
    // they paired, so they paired before the first week of their history. (Expiry reads the rows' created_at.)
    const paired = weekStart(pastWeeks[0]!).getTime() - 1000;
    await insertMember(trx, coupleId, alexId, new Date(paired).toISOString());
    await insertMember(trx, coupleId, blakeId, new Date(paired + 1).toISOString());

    const alexHistory = generateHistory(pastWeeks, ALEX, random);
    // Blake has already checked in this week, so the visitor sees what "your turn" looks like.
    const blakeHistory = generateHistory([...pastWeeks, thisWeek], BLAKE, random);
    for (const [index, entry] of alexHistory.entries()) {
      const note = index % 5 === 2 ? (ALEX_NOTES[((index / 5) % ALEX_NOTES.length) | 0] ?? null) : null;
      await upsertAssessment(trx, { id: randomUUID(), userId: alexId, ...entry, note, nowIso });
    }
    for (const entry of blakeHistory) {
      await upsertAssessment(trx, { id: randomUUID(), userId: blakeId, ...entry, note: null, nowIso });
    }
  });

  await startSession(deps, session, alexId);
  return toUserDto((await findUserById(deps.db, alexId))!);
}

async function insertDemoUser(db: DB, id: string, displayName: string, email: string, nowIso: string) {
  await insertUser(db, {
    id,
    email,
    // Not a scrypt hash, so no password ever matches it.
    password_hash: '!demo',
    display_name: displayName,
    role: 'partner',
    is_demo: 1,
    created_at: nowIso,
  });
}

/**
 * Visitors may have written notes and reflections of their own. The checkpoint runs even when no demo expired:
 * this hourly run also catches up on a checkpoint that a reader in another process held off after a deletion.
 */
export async function removeExpiredDemos(db: DB, now: Date, ttlMs: number): Promise<number> {
  const removed = await deleteDemoDataCreatedBefore(db, new Date(now.getTime() - ttlMs).toISOString());
  await checkpointAfterErase(db);
  return removed;
}
