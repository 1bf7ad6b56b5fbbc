import type { DB } from '#server/db/database';
import type { Week } from '#shared/week';

/** How much the installation holds, demo couples and their partners left out. No row's content is read. */
export interface InstanceCounts {
  people: number;
  couples: number;
  coaches: number;
  checkIns: number;
  checkInsThisWeek: number;
}

/**
 * A handful of counts, cheap enough to run once a minute on a large installation (a few milliseconds over 470,000 check-ins
 * on SQLite, whose queries hold the event loop): whole-table counts scan the smallest index, and demo check-ins are
 * counted apart and taken off, since joining every check-in to its author costs ten times as much.
 */
export async function countInstance(db: DB, week: Week): Promise<InstanceCounts> {
  const demoUsers = db.selectFrom('users').select('id').where('is_demo', '=', 1);
  const [users, couples, checkIns] = await Promise.all([
    db
      .selectFrom('users')
      .where('is_demo', '=', 0)
      .select((eb) => [
        eb.fn.countAll<number>().as('people'),
        eb.fn.sum<number>(eb.case().when('role', '=', 'coach').then(1).else(0).end()).as('coaches'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('couples')
      .where('is_demo', '=', 0)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
    db
      .selectNoFrom((eb) => [
        eb.selectFrom('assessments').select(eb.fn.countAll<number>().as('n')).as('all'),
        eb
          .selectFrom('assessments')
          .select(eb.fn.countAll<number>().as('n'))
          .where('user_id', 'in', demoUsers)
          .as('allDemo'),
        eb.selectFrom('assessments').select(eb.fn.countAll<number>().as('n')).where('week', '=', week).as('week'),
        eb
          .selectFrom('assessments')
          .select(eb.fn.countAll<number>().as('n'))
          .where('week', '=', week)
          .where('user_id', 'in', demoUsers)
          .as('weekDemo'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    people: Number(users.people),
    // sum() of no rows is null.
    coaches: Number(users.coaches ?? 0),
    couples: Number(couples.count),
    checkIns: Number(checkIns.all) - Number(checkIns.allDemo),
    checkInsThisWeek: Number(checkIns.week) - Number(checkIns.weekDemo),
  };
}
