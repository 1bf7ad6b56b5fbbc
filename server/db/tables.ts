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
  reminder_settings: ReminderSettingsTable;
  calendar_links: CalendarLinksTable;
  email_confirmations: EmailConfirmationsTable;
  email_confirmation_tokens: EmailConfirmationTokensTable;
  email_unsubscribe_tokens: EmailUnsubscribeTokensTable;
  email_deliveries: EmailDeliveriesTable;
  measures: MeasuresTable;
  measure_versions: MeasureVersionsTable;
  measure_assignments: MeasureAssignmentsTable;
  measure_answers: MeasureAnswersTable;
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
  /** When a partner last left this couple while this member stayed: the membership changed then too. */
  partner_left_at: string | null;
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
  /** The address the link was sent to (or the account's email when an administrator printed it); null before 2026-12-05. */
  address: string | null;
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

/**
 * A person's reminder settings; a missing row means the defaults (off, Sunday 19:00, no email). Weekday is ISO
 * (Monday 1 … Sunday 7), `time` local "HH:MM" in the IANA zone `time_zone`; the flags are 0/1.
 */
export interface ReminderSettingsTable {
  user_id: string;
  enabled: number;
  weekday: number;
  time: string;
  time_zone: string;
  email_weekly_reminder: number;
  email_partner_checked_in: number;
  email_both_answered: number;
  email_coach_digest: number;
  updated_at: string;
}

/** A person's calendar feed link, one at most; only the SHA-256 of its token, for the same reason as sessions. */
export interface CalendarLinksTable {
  user_id: string;
  token_hash: string;
  created_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type AssessmentRow = Selectable<AssessmentsTable>;
export type CoupleFocusRow = Selectable<CoupleFocusesTable>;

/** The address a person confirmed; email goes to users.email only while it equals `address`. */
export interface EmailConfirmationsTable {
  user_id: string;
  address: string;
  confirmed_at: string;
}

/** A confirmation link sent to `address`: only the hash of its token, one open link per person. */
export interface EmailConfirmationTokensTable {
  token_hash: string;
  user_id: string;
  address: string;
  created_at: string;
  expires_at: string;
}

/** An unsubscribe link: it may only turn off email of `kind` for `user_id`. */
export interface EmailUnsubscribeTokensTable {
  token_hash: string;
  user_id: string;
  kind: string;
  created_at: string;
  expires_at: string;
}

/**
 * One email the timer decided to send, claimed by its key (person, kind, ISO week) before it is sent: the key is what
 * keeps two processes, or a restart, from sending it twice. No address or content: only the kind and the week.
 */
export interface EmailDeliveriesTable {
  user_id: string;
  /** An `EmailKind` of server/mail/unsubscribe.ts. */
  kind: string;
  /** The ISO week the email is about ("2026-W49"). */
  period: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** While pending: when the row may be taken again (a claim's lease running out, or a retry's backoff). */
  next_attempt_at: string;
  /** An SMTP reply code or a short category, never an address. */
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A coach's own questionnaire; its definition lives in its versions (see the measures migration). */
export interface MeasuresTable {
  id: string;
  /** Null once the coach's account is gone: the measure stays so the couples' answers keep their items. */
  coach_id: string | null;
  /** The version answered from now on. */
  current_version: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  /** The key of the coach's draft it was created from, unique per coach; null without one. */
  draft_key: string | null;
  /** For a measure restored from a partner's export: that partner. It has no coach and no assignment. */
  restored_for: string | null;
}

/** One version of a measure. Once it has answers it never changes: an edit makes the next version. */
export interface MeasureVersionsTable {
  id: string;
  measure_id: string;
  version: number;
  name: string;
  instructions: string | null;
  /** JSON array of `MeasureItem` (shared/schemas/measure.schema.ts), validated on the way in and out. */
  items: string;
  scoring: 'sum' | 'mean';
  cutoff_value: number | null;
  cutoff_direction: 'below' | 'above' | null;
  reliable_change: number | null;
  source: string | null;
  created_at: string;
}

/** A measure scheduled for a couple every `every_weeks` weeks from `start_week`; a period is named by its first week. */
export interface MeasureAssignmentsTable {
  id: string;
  measure_id: string;
  couple_id: string;
  /** The coach who assigned it; null once that account is gone. */
  coach_id: string | null;
  every_weeks: number;
  start_week: string;
  /** 1 when the couple sees their scores; 0 when only the coach does. */
  visible_to_couple: number;
  created_at: string;
  ended_at: string | null;
}

/** A partner's answer to one period of an assignment, or their skip of it (no answers, no score). */
export interface MeasureAnswersTable {
  id: string;
  /** Null for an answer restored from an export. */
  assignment_id: string | null;
  user_id: string;
  period: string;
  /** The version answered: its items are the ones these answers belong to. */
  version_id: string;
  /** JSON array of integers, one per item in order; null for a skip. */
  answers: string | null;
  score: number | null;
  skipped: number;
  created_at: string;
  updated_at: string;
  /** When the answers last changed (the first answer, until they do); marks a change after both had answered. */
  answers_changed_at: string;
  /** For an answer restored from an export, the creation time the file claimed: information for the next export only. */
  imported_created_at: string | null;
}
