import { renderEmail } from './layout';

/**
 * The account emails, in one place (English for now). They carry nothing of what anyone wrote or rated: email is not
 * private. They name nobody either, not even the account's own display name: both may go to an address nobody has
 * confirmed yet, and a name chosen by whoever typed that address must not become text the server sends a stranger.
 */

export function confirmationEmail(input: { url: string; stopAllUrl: string }) {
  return {
    subject: 'Confirm your email for Tandem',
    ...renderEmail({
      greeting: 'Hello,',
      paragraphs: [
        'Please confirm that this is your address, so Tandem can send you the reminders and updates you choose.',
        'The link works for two days. If you did not ask for this, you can ignore this email; nothing will be sent.',
      ],
      action: { label: 'Confirm my email', url: input.url },
      footer: [
        'You are getting this email because someone entered this address in Tandem.',
        `Never want email from this Tandem? ${input.stopAllUrl}`,
      ],
    }),
  };
}

export function passwordResetEmail(input: { url: string }) {
  return {
    subject: 'Set a new password for Tandem',
    ...renderEmail({
      greeting: 'Hello,',
      paragraphs: [
        'Someone asked to set a new password for your Tandem account. If that was you, use the link below. It works once, for one hour.',
        'If it was not you, you can ignore this email: your password stays as it is.',
      ],
      action: { label: 'Set a new password', url: input.url },
      footer: ['You are getting this email because a new password was requested for this address.'],
    }),
  };
}
