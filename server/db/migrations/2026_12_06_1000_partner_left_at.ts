import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// The couple's current membership began at the latest change of who is in it: a joining, or a partner leaving. Until
// now it was read from the members' joining alone, so when the later of two partners left, it moved back to the
// joining of the one who stayed, and the couple's coach could read that partner's weeks from before (with an earlier
// partner, say). Each member now keeps when a partner last left while they stayed. Leavings before this column are
// read from the couple's feed, which records each one ('left') since it began.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('couple_members').addColumn('partner_left_at', 'text').execute();
  await sql`
    update couple_members set partner_left_at = (
      select max(e.at) from activity_events e
      where e.couple_id = couple_members.couple_id and e.kind = 'left' and e.at > couple_members.joined_at
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('couple_members').dropColumn('partner_left_at').execute();
}
