import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/domain/canonical-json';
import { EXPORT_FORMAT, EXPORT_VERSION, type AccountExport, type ExportBody } from '../../shared/schemas/account-export.schema';
import type { PracticeId } from '../../shared/practice-ids';
import {
  findMembership,
  listFocusesAdoptedBy,
  listOwnAssessments,
  listOwnCoachFocuses,
  listOwnCoachNotes,
  listOwnReflections,
} from '../repositories/account-data.repository';
import { parseRatings } from '../db/ratings-encoding';
import type { UserWithCouple } from '../repositories/users.repository';
import type { Context } from '../trpc/context';

/**
 * `sha256-…` of the body's canonical JSON: a checksum that import recomputes to tell an intact file from one damaged
 * by accident. Anyone can compute it, so it is no proof of origin; any JSON value can be summed.
 */
export function exportDigest(body: unknown): string {
  return `sha256-${createHash('sha256').update(canonicalJson(body)).digest('base64url')}`;
}

/**
 * Everything the person wrote, and nothing anyone else did: their account (never the password hash), their place
 * in a couple, their check-ins with notes, reflections, the focuses they adopted, and a coach's own notes and
 * assigned focuses. The partner's data stays out, even where the person may see it in the app.
 */
export async function buildExport(ctx: Context, user: UserWithCouple): Promise<AccountExport> {
  const [membership, assessments, reflections, focuses, coachNotes, coachFocuses] = await Promise.all([
    findMembership(ctx.db, user.id),
    listOwnAssessments(ctx.db, user.id),
    listOwnReflections(ctx.db, user.id),
    listFocusesAdoptedBy(ctx.db, user.id),
    listOwnCoachNotes(ctx.db, user.id),
    listOwnCoachFocuses(ctx.db, user.id),
  ]);
  const body: ExportBody = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: ctx.now().toISOString(),
    user: { id: user.id, email: user.email, displayName: user.display_name, role: user.role, createdAt: user.created_at },
    couple: membership ? { coupleId: membership.couple_id, joinedAt: membership.joined_at } : null,
    assessments: assessments.map((a) => ({
      week: a.week,
      ratings: parseRatings(a.ratings),
      note: a.note,
      // A restored row was created at its import; the time its file gave is what the person knows it by.
      createdAt: a.imported_created_at ?? a.created_at,
      updatedAt: a.updated_at,
    })),
    reflections: reflections.map((r) => ({
      practiceId: r.practice_id as PracticeId,
      body: r.body,
      visibility: r.visibility,
      createdAt: r.imported_created_at ?? r.created_at,
      updatedAt: r.updated_at,
    })),
    focuses: focuses.map((f) => ({
      coupleId: f.couple_id,
      practiceId: f.practice_id as PracticeId,
      startWeek: f.start_week,
      endWeek: f.end_week,
      adoptedAt: f.adopted_at,
      endedAt: f.ended_at,
    })),
    coachNotes: coachNotes.map((n) => ({ coupleId: n.couple_id, body: n.body, createdAt: n.created_at, updatedAt: n.updated_at })),
    coachFocuses: coachFocuses.map((f) => ({
      coupleId: f.couple_id,
      practiceId: f.practice_id as PracticeId,
      note: f.note,
      assignedAt: f.assigned_at,
    })),
  };
  return { ...body, integrity: exportDigest(body) };
}
