import type { Week } from '#shared/week';
import type { DB } from '#server/db/database';
import type { CamelRow } from '#server/db/rows';
import type {
  AssessmentRow,
  CoachFocusesTable,
  CoachLinksEndedTable,
  CoupleFocusesTable,
  CoupleMembersTable,
  CouplesTable,
  UsersTable,
} from '#server/db/tables';

// The roster reads every couple of a coach in a fixed number of statements, whatever the number of couples: each
// query starts from the coach's links, so consent is part of the read itself.

/**
 * Couples the coach may see, one row per partner (a couple with nobody left still gets one row), each partner's
 * latest logged week and the coach's focus. The latest week is a correlated subquery: each is one index seek, where
 * a `group by` over the partners' check-ins would walk every week of their history.
 */
export interface RosterMemberRow {
  coupleId: CouplesTable['id'];
  coupleCreatedAt: CouplesTable['created_at'];
  /** Null (as are the partner's other fields) for a couple with nobody left. */
  userId: CoupleMembersTable['user_id'] | null;
  joinedAt: CoupleMembersTable['joined_at'] | null;
  partnerLeftAt: CoupleMembersTable['partner_left_at'];
  displayName: UsersTable['display_name'] | null;
  coachFocus: CoachFocusesTable['practice_id'] | null;
  lastWeek: AssessmentRow['week'] | null;
}

export function listRosterMembers(db: DB, coachId: string): Promise<RosterMemberRow[]> {
  return db
    .selectFrom('coach_links as l')
    .innerJoin('couples as c', 'c.id', 'l.couple_id')
    .leftJoin('couple_members as m', 'm.couple_id', 'l.couple_id')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('coach_focuses as cf', (join) =>
      join.onRef('cf.couple_id', '=', 'l.couple_id').onRef('cf.coach_id', '=', 'l.coach_id'),
    )
    .select([
      'l.couple_id as coupleId',
      'c.created_at as coupleCreatedAt',
      'm.user_id as userId',
      'm.joined_at as joinedAt',
      'm.partner_left_at as partnerLeftAt',
      'u.display_name as displayName',
      'cf.practice_id as coachFocus',
      (eb) =>
        eb
          .selectFrom('assessments as a')
          .select((sub) => sub.fn.max('a.week').as('w'))
          .whereRef('a.user_id', '=', 'm.user_id')
          .as('lastWeek'),
    ])
    .where('l.coach_id', '=', coachId)
    .orderBy('l.couple_id')
    .orderBy('m.joined_at')
    .orderBy('m.user_id')
    .execute();
}

const partnersOfCoach = (db: DB, coachId: string) =>
  db
    .selectFrom('coach_links as l')
    .innerJoin('couple_members as m', 'm.couple_id', 'l.couple_id')
    .select('m.user_id')
    .where('l.coach_id', '=', coachId);

export type RosterCheckInRow = CamelRow<Pick<AssessmentRow, 'user_id' | 'week' | 'ratings'>>;

/** Every check-in of the coach's partners in the window, ratings as stored. */
export function listRecentCheckIns(db: DB, coachId: string, fromWeek: Week, toWeek: Week): Promise<RosterCheckInRow[]> {
  return db
    .selectFrom('assessments as a')
    .select(['a.user_id as userId', 'a.week', 'a.ratings'])
    .where('a.user_id', 'in', partnersOfCoach(db, coachId))
    .where('a.week', '>=', fromWeek)
    .where('a.week', '<=', toWeek)
    .execute();
}

export interface AdoptedFocusSummaryRow {
  coupleId: CoupleFocusesTable['couple_id'];
  current: CoupleFocusesTable['practice_id'] | null;
  lastEndWeek: CoupleFocusesTable['end_week'];
}

/** Per couple: the focus adopted now (if any) and the last week an earlier one ran. */
export function listAdoptedFocusSummaries(db: DB, coachId: string): Promise<AdoptedFocusSummaryRow[]> {
  return db
    .selectFrom('coach_links as l')
    .innerJoin('couple_focuses as f', 'f.couple_id', 'l.couple_id')
    .select((eb) => [
      'l.couple_id as coupleId',
      eb.fn.max(eb.case().when('f.end_week', 'is', null).then(eb.ref('f.practice_id')).else(null).end()).as('current'),
      eb.fn.max('f.end_week').as('lastEndWeek'),
    ])
    .where('l.coach_id', '=', coachId)
    .groupBy('l.couple_id')
    .execute();
}

export type EndedAccessRow = CamelRow<Pick<CoachLinksEndedTable, 'couple_id' | 'ended_at'>>;

/** The couples whose access this coach lost at or after `since`, latest first: their ids and when, nothing more. */
export function listEndedAccess(db: DB, coachId: string, since: string): Promise<EndedAccessRow[]> {
  return db
    .selectFrom('coach_links_ended')
    .select(['couple_id as coupleId', 'ended_at as endedAt'])
    .where('coach_id', '=', coachId)
    .where('ended_at', '>=', since)
    .orderBy('ended_at', 'desc')
    .orderBy('couple_id')
    .execute();
}
