import * as z from 'zod/mini';
import { emailSchema } from './auth.schema';

/** Where a reset link should go; the answer is the same whether or not an account uses it. */
export const requestPasswordResetInputSchema = z.strictObject({ email: emailSchema });
export type RequestPasswordResetInput = z.input<typeof requestPasswordResetInputSchema>;

/** The token of a confirmation link, as the link carries it. */
export const confirmEmailInputSchema = z.strictObject({
  token: z
    .string()
    .check(
      z.minLength(1, 'This confirmation link is incomplete.'),
      z.maxLength(100, 'This confirmation link is not valid.'),
    ),
});
export type ConfirmEmailInput = z.input<typeof confirmEmailInputSchema>;

export interface EmailStatusDto {
  /** The server can send email (SMTP_URL, MAIL_FROM and PUBLIC_URL are set). */
  configured: boolean;
  address: string;
  /** The owner confirmed exactly this address. */
  confirmed: boolean;
}
