import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { AccountExport, ImportResultDto } from '../../shared/schemas/account-export.schema';
import { compareWeeks, latestOpenWeek } from '../../shared/week';
import { replaceReflections, upsertAssessments } from '../repositories/account-import.repository';
import type { UserWithCouple } from '../repositories/users.repository';
import type { Context } from '../trpc/context';
import { exportDigest } from './account-export.service';

const refuse = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message: `Nothing was imported. ${message}` });

/**
 * Restores an export into the caller's account, all or nothing: the person's check-ins (a week they already
 * logged is replaced) and reflections. The account itself (email, name, password) stays the caller's. Focuses,
 * coach notes and coach focuses belong to a couple, which an import does not recreate: they stay in the file
 * as a record (see docs/decisions.md).
 */
export async function importAccount(ctx: Context, user: UserWithCouple, file: AccountExport): Promise<ImportResultDto> {
  const { integrity, ...body } = file;
  if (exportDigest(body) !== integrity) {
    throw refuse('This file was changed after it was exported (its integrity digest does not match), so it cannot be trusted. Export again from the original account and import that file unchanged.');
  }
  const latest = latestOpenWeek(ctx.now());
  const weeks = new Set<string>();
  for (const a of body.assessments) {
    if (compareWeeks(a.week, latest) > 0) throw refuse(`The check-in for ${a.week} is for a week that has not started yet.`);
    if (weeks.has(a.week)) throw refuse(`The file holds two check-ins for ${a.week}.`);
    weeks.add(a.week);
  }
  const reflectionKeys = new Set<string>();
  for (const r of body.reflections) {
    const key = `${r.practiceId} ${r.createdAt}`;
    if (reflectionKeys.has(key)) throw refuse(`The file holds the same reflection on ${r.practiceId} twice.`);
    reflectionKeys.add(key);
  }

  await ctx.db.transaction().execute(async (trx) => {
    await upsertAssessments(trx, user.id, body.assessments.map((item) => ({ id: randomUUID(), item })), ctx.now().toISOString());
    await replaceReflections(trx, user.id, body.reflections.map((item) => ({ id: randomUUID(), item })));
  });
  return { imported: body.assessments.length, reflections: body.reflections.length };
}
