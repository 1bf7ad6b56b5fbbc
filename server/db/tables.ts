import type { Generated, Insertable, Selectable } from 'kysely';
import type { ReflectionVisibility } from '#shared/schemas/reflection.schema';

/**
 * The database as the app sees it. Timestamps are ISO-8601 UTC text and booleans are 0/1 integers, so the same
 * rows read the same on SQLite and Postgres; repositories map them to DTOs.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  couples: CouplesTable;
  couple_members: CoupleMembersTable;
  couple_invites: InvitesTable;
  assessments: AssessmentsTable;
  couple_focuses: CoupleFocusesTable;
  reflections: ReflectionsTable;
  coach_invites: InvitesTable;
  coach_links: CoachLinksTable;
  coach_access_log: CoachAccessLogTable;
  coach_focuses: CoachFocusesTable;
  coach_notes: CoachNotesTable;
  password_resets: PasswordResetsTable;
  activity_events: ActivityEventsTable;
  coach_links_ended: CoachLinksEndedTable;
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

/** One-time codes: a partner's invitation into a couple, and a couple's invitation to a coach. */
export interface InvitesTable {
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
  /** When the ratings last changed (the first submission, until they do); a note-only edit leaves it. */
  ratings_changed_at: string;
  /** For a week restored from an export, the creation time the file claimed: information for the next export only. */
  imported_created_at: string | null;
}

export interface CoupleFocusesTable {
  id: string;
  couple_id: string;
  practice_id: string;
  start_week: string;
  /** Null while this is the couple's current focus (at most one per couple). */
  end_week: string | null;
  adopted_by: string | null;
  adopted_at: string;
  ended_at: string | null;
}

export interface ReflectionsTable {
  id: string;
  user_id: string;
  practice_id: string;
  body: string;
  visibility: Generated<ReflectionVisibility>;
  created_at: string;
  updated_at: string;
  /**
   * When the author last shared it (made it readable by someone else), with their couple of that moment: only a
   * couple whose current membership had begun by then reads it. Null while private, and for a restored one.
   */
  shared_at: Generated<string | null>;
  /** For a reflection restored from an export, the creation time the file claimed: information for the next export only. */
  imported_created_at: string | null;
  /** The key the author's device made for the draft it was written in, unique per author; null without one. */
  draft_key: Generated<string | null>;
}

export interface CoachLinksTable {
  couple_id: string;
  coach_id: string;
  created_at: string;
}

export interface CoachAccessLogTable {
  id: string;
  couple_id: string;
  coach_id: string | null;
  /** Kept by value so the log still reads after the coach's account is gone. */
  coach_name: string;
  what: string;
  at: string;
}

export interface CoachFocusesTable {
  couple_id: string;
  coach_id: string;
  practice_id: string;
  note: string | null;
  assigned_at: string;
}

export interface CoachNotesTable {
  id: string;
  coach_id: string;
  couple_id: string;
  body: string;
  created_at: string;
  updated_at: string;
  /** The key the coach's device made for the draft it was written in, unique per coach; null without one. */
  draft_key: Generated<string | null>;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One change in a couple, as the feed reads it: who it is about and when, never what anyone wrote or rated. */
export interface ActivityEventsTable {
  id: string;
  couple_id: string;
  /** An `ActivityKind` of `shared/schemas/activity.schema.ts`. */
  kind: string;
  /** The person the change is about (for a coach's access, the coach); null once that account is deleted. */
  actor_id: string | null;
  /** The week a check-in concerns; null for other kinds. */
  week: string | null;
  at: string;
}

/** A coach's access that ended, remembered for the coach's roster for 30 days; nothing of the couple's data. */
export interface CoachLinksEndedTable {
  couple_id: string;
  coach_id: string;
  ended_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type AssessmentRow = Selectable<AssessmentsTable>;
export type CoupleFocusRow = Selectable<CoupleFocusesTable>;
