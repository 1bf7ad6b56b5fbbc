import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { MailConfig } from '#server/config';

/** One email as the app writes it: both parts always, so every mail client shows something readable. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, such as List-Unsubscribe. */
  headers?: Record<string, string>;
}

/** Where email goes out. One per server; null in deps when the server has no SMTP server. */
export interface MailTransport {
  /** Resolves once the SMTP server has accepted the message; rejects when it refuses, or is silent for too long. */
  send(message: OutgoingEmail): Promise<void>;
  close(): void;
}

/** A mail server that accepts a connection and then says nothing must not hold a send (and its caller) for ever. */
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The SMTP transport for `mail` (SMTP_URL and MAIL_FROM), or null when email is not set up: callers then send nothing.
 * smtp:// upgrades with STARTTLS when the server offers it; smtps:// speaks TLS from the first byte (nodemailer reads
 * both from the URL).
 */
export function createMailTransport(
  mail: MailConfig | null,
  options: { timeoutMs?: number } = {},
): MailTransport | null {
  if (!mail) return null;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transporter = nodemailer.createTransport({
    url: mail.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // One connection per message: sends are rare (a few per person per week), and a fresh connection never inherits a
    // half-broken one.
    pool: false,
    // nodemailer's own logging would print addresses; the app logs what it needs, without them.
    logger: false,
    debug: false,
  } as SMTPTransport.Options);
  return {
    async send(message) {
      await transporter.sendMail({
        from: mail.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
      });
    },
    close() {
      transporter.close();
    },
  };
}
