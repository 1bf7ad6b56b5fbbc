import { sqlRow, sqlRun, type WithDatabase } from './raw-sql';

/** Before every week a test logs (the oldest go back a few years from 2026), and after 1970, where weeks begin. */
export const TOGETHER_SINCE = '2001-01-01T00:00:00.000Z';

/**
 * Partners see each other's weeks only from the week their couple formed. A test that pairs people today and then
 * logs weeks of the past means a couple that was together then: this moves the members' joining back to
 * `TOGETHER_SINCE`, one millisecond apart in the order given, which is then the order everyone lists them in.
 */
export async function pairedLongAgo(
  target: WithDatabase,
  coupleId: string,
  userIdsInJoinOrder: readonly string[],
): Promise<void> {
  for (const [index, userId] of userIdsInJoinOrder.entries()) {
    const changed = await sqlRun(
      target,
      'update couple_members set joined_at = ? where couple_id = ? and user_id = ?',
      new Date(Date.parse(TOGETHER_SINCE) + index).toISOString(),
      coupleId,
      userId,
    );
    if (changed !== 1) throw new Error(`${userId} is not a member of couple ${coupleId}`);
  }
}

/** The same for a couple paired over HTTP, known by the partners' emails in join order. */
export async function pairedLongAgoByEmail(target: WithDatabase, emailsInJoinOrder: readonly string[]): Promise<void> {
  const rows: ({ user_id: string; couple_id: string } | undefined)[] = [];
  for (const email of emailsInJoinOrder) {
    rows.push(
      await sqlRow<{ user_id: string; couple_id: string }>(
        target,
        'select m.user_id, m.couple_id from users u join couple_members m on m.user_id = u.id where u.email = ?',
        email,
      ),
    );
  }
  const coupleId = rows[0]?.couple_id;
  if (!coupleId || rows.some((row) => row?.couple_id !== coupleId))
    throw new Error(`${emailsInJoinOrder.join(' and ')} are not one couple`);
  await pairedLongAgo(
    target,
    coupleId,
    rows.map((row) => row!.user_id),
  );
}
