import * as z from 'zod/mini';
import { displayNameSchema, emailSchema, PASSWORD_MAX_LENGTH, passwordSchema } from './auth.schema';

/** The password someone already has: any length it could have been set with, so the check never hints at rules. */
const currentPasswordSchema = z
  .string()
  .check(
    z.minLength(1, 'Enter your current password.'),
    z.maxLength(PASSWORD_MAX_LENGTH, 'That password is too long.'),
  );

export const changePasswordInputSchema = z.strictObject({
  currentPassword: currentPasswordSchema,
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.input<typeof changePasswordInputSchema>;

export const resetPasswordInputSchema = z.strictObject({
  token: z
    .string()
    .check(z.minLength(1, 'This reset link is incomplete.'), z.maxLength(100, 'This reset link is not valid.')),
  newPassword: passwordSchema,
});
export type ResetPasswordInput = z.input<typeof resetPasswordInputSchema>;

export const deleteAccountInputSchema = z.strictObject({ password: currentPasswordSchema });
export type DeleteAccountInput = z.input<typeof deleteAccountInputSchema>;

/** A new name to be shown by: the same rules as at sign-up. */
export const updateProfileInputSchema = z.strictObject({ displayName: displayNameSchema });
export type UpdateProfileInput = z.input<typeof updateProfileInputSchema>;

/** A new email to log in with; the current password confirms it is the person themselves. */
export const changeEmailInputSchema = z.strictObject({ email: emailSchema, currentPassword: currentPasswordSchema });
export type ChangeEmailInput = z.input<typeof changeEmailInputSchema>;
