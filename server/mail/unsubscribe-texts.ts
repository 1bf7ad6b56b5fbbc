import type { UnsubscribeScope } from './unsubscribe';

/** What each kind of email is called where a person turns it off. */
const KIND_NAMES: Record<UnsubscribeScope, string> = {
  weeklyReminder: 'the weekly reminder',
  partnerCheckedIn: 'the email when your partner has checked in',
  bothAnswered: 'the email when you have both answered',
  coachDigest: "the coach's Monday overview",
  everything: 'any email from Tandem, except a password link when you ask for one',
};

/** The words of the unsubscribe page. */
export const UNSUBSCRIBE_TEXTS = {
  askTitle: 'Stop this email?',
  ask: (kind: UnsubscribeScope) =>
    `You will no longer get ${KIND_NAMES[kind]}.${kind === 'everything' ? '' : ' Everything else stays as it is.'}`,
  button: 'Stop this email',
  doneTitle: 'Done',
  done: (kind: UnsubscribeScope) => `You will no longer get ${KIND_NAMES[kind]}.`,
  doneMore: 'You can turn it on again at any time under Settings, Reminders.',
  unknownTitle: 'This link no longer works',
  unknownBody: 'It may be old, or copied only in part. You can choose which emails you get under Settings, Reminders.',
  badTitle: 'That did not work',
  badBody: 'The request was not one this page understands. Nothing was changed.',
  settingsLink: 'Open Tandem settings',
};
