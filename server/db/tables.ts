import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The database as the app sees it. Timestamps are ISO-8601 UTC text and booleans are 0/1 integers, so the same
 * rows read the same on SQLite and Postgres; repositories map them to DTOs.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  couples: CouplesTable;
  couple_members: CoupleMembersTable;
  couple_invites: CoupleInvitesTable;
  assessments: AssessmentsTable;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  role: 'partner' | 'coach';
  is_demo: Generated<number>;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the token: a stolen database does not hand out live sessions. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface CouplesTable {
  id: string;
  is_demo: Generated<number>;
  created_at: string;
}

export interface CoupleMembersTable {
  couple_id: string;
  user_id: string;
  joined_at: string;
}

export interface CoupleInvitesTable {
  /** SHA-256 of the code, for the same reason as sessions. */
  code_hash: string;
  couple_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

export interface AssessmentsTable {
  id: string;
  user_id: string;
  week: string;
  /** JSON object of the ten ratings, validated on the way in and on the way out. */
  ratings: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type AssessmentRow = Selectable<AssessmentsTable>;
