import type { Week } from '#shared/week';
import type { NotificationMessage } from '#server/mail/notification-messages';
import type { EmailKind } from '#server/mail/unsubscribe';

/**
 * An email that is due now, worked out from the database and the server's clock. `message` is read only once the
 * delivery is claimed, so the heavier reads (a coach's roster) run once per email, in one process.
 */
export interface DueEmail {
  userId: string;
  kind: EmailKind;
  /** The ISO week the email is about: with the person and kind, what makes it the same email. */
  period: Week;
  message(): Promise<NotificationMessage>;
}
