import { renderEmail } from './layout';
import type { EmailKind } from './unsubscribe';

// Every timed email's words, in one place, in English (the only language the app speaks so far). Only names, weeks
// and links: email passes through servers nobody here controls, so nothing anyone rated, wrote or reflected on, and no
// flag about a practice, ever goes into one. Gentle by design: an invitation, never a count of missed weeks.

/** What an email says, before it has links: each kind carries only the names it needs. */
export type NotificationMessage =
  | { kind: 'weeklyReminder'; role: 'partner'; name: string }
  | { kind: 'weeklyReminder'; role: 'coach'; name: string }
  | { kind: 'partnerCheckedIn'; name: string; partnerName: string }
  | { kind: 'bothAnswered'; name: string; partnerName: string }
  | { kind: 'coachDigest'; name: string; lines: string[] };

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

/** The page each email leads to, under PUBLIC_URL. */
export function actionPathOf(message: NotificationMessage): string {
  switch (message.kind) {
    case 'weeklyReminder':
      return message.role === 'coach' ? '/coach' : '/check-in';
    case 'partnerCheckedIn':
      return '/check-in';
    case 'bothAnswered':
      return '/dashboard';
    case 'coachDigest':
      return '/coach';
  }
}

/** Why the email came, in the footer, next to the link that stops it. */
const WHY: Record<EmailKind, string> = {
  weeklyReminder: 'You get this because you asked Tandem for a weekly reminder.',
  partnerCheckedIn: 'You get this because you asked to hear when your partner has checked in.',
  bothAnswered: 'You get this because you asked to hear when you have both answered.',
  coachDigest: 'You get this because you asked Tandem for a Monday overview of your couples.',
};

const STOP: Record<EmailKind, string> = {
  weeklyReminder: 'Stop these reminders',
  partnerCheckedIn: 'Stop these emails',
  bothAnswered: 'Stop these emails',
  coachDigest: 'Stop the Monday overview',
};

export function renderNotification(
  message: NotificationMessage,
  links: { action: string; unsubscribe: string },
): RenderedNotification {
  const footer = [WHY[message.kind], `${STOP[message.kind]}: ${links.unsubscribe}`];
  const greeting = `Hi ${message.name},`;
  switch (message.kind) {
    case 'weeklyReminder':
      if (message.role === 'coach') {
        return {
          subject: 'Your weekly look at your couples',
          ...renderEmail({
            greeting,
            paragraphs: [
              'This is your weekly reminder to look in on the couples you work with.',
              'Tandem shows who may need your attention first.',
            ],
            action: { label: 'Open your couples', url: links.action },
            footer,
          }),
        };
      }
      return {
        subject: 'Your check-in for this week',
        ...renderEmail({
          greeting,
          paragraphs: [
            "This week's check-in is open whenever you are ready. A few quiet minutes is all it takes.",
            'There is no rush: it stays open all week.',
          ],
          action: { label: "Open this week's check-in", url: links.action },
          footer,
        }),
      };
    case 'partnerCheckedIn':
      return {
        subject: `${message.partnerName} has checked in: your answers are waiting`,
        ...renderEmail({
          greeting,
          paragraphs: [
            `${message.partnerName} has done this week's check-in.`,
            'When you add yours, you can both see your week side by side.',
          ],
          action: { label: 'Add your answers', url: links.action },
          footer,
        }),
      };
    case 'bothAnswered':
      return {
        subject: 'You have both answered: see your week side by side',
        ...renderEmail({
          greeting,
          paragraphs: [
            `You and ${message.partnerName} have both checked in for this week.`,
            'Your answers are ready to look at together, whenever suits you both.',
          ],
          action: { label: 'See your week', url: links.action },
          footer,
        }),
      };
    case 'coachDigest':
      return {
        subject: 'Your Monday overview',
        ...renderEmail({
          greeting,
          paragraphs:
            message.lines.length === 0
              ? ['Nothing on your roster asks for your attention this week.']
              : ['These couples may welcome your attention this week:', ...message.lines],
          action: { label: 'Open your couples', url: links.action },
          footer,
        }),
      };
  }
}

/** What a digest line may say about a couple: who has not checked in, or that something is worth a look. */
export type DigestAttention =
  | { kind: 'missedCheckIns'; who: string; weeks: number | null }
  | { kind: 'answersWorthALook' }
  | { kind: 'questionnaireMissed' }
  | { kind: 'noFocus' };

/**
 * One line of the Monday overview: the couple's names and what kind of attention, never which practice, which way,
 * or any number a partner rated ("Ana & Ben: no check-in from Ana for 3 weeks").
 */
export function digestLine(coupleName: string, attention: readonly DigestAttention[]): string {
  const parts = attention.map((a) => {
    switch (a.kind) {
      case 'missedCheckIns':
        return a.weeks === null ? `no check-in from ${a.who} yet` : `no check-in from ${a.who} for ${a.weeks} weeks`;
      case 'answersWorthALook':
        return 'something in their recent answers is worth a look';
      case 'questionnaireMissed':
        return 'a questionnaire you scheduled went unanswered twice';
      case 'noFocus':
        return 'no focus chosen for a few weeks';
    }
  });
  return `${coupleName}: ${parts.join('; ')}`;
}

/** The overview names this many couples at most; the rest are counted, and all are on the roster page. */
export const DIGEST_MOST_COUPLES = 10;

export function digestMoreLine(more: number): string {
  return more === 1 ? 'And one more couple.' : `And ${more} more couples.`;
}
