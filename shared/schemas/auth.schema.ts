import * as z from 'zod/mini';

export const ROLES = ['partner', 'coach'] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD_MIN_LENGTH = 10;
/** scrypt reads the whole password; a cap stops a megabyte password from costing a megabyte of hashing. */
export const PASSWORD_MAX_LENGTH = 200;
export const DISPLAY_NAME_MAX_LENGTH = 60;

export const emailSchema = z.pipe(
  z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254, 'That email address is too long.')),
  z.email('Enter an email address like name@example.com.'),
);

export const passwordSchema = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`),
    z.maxLength(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
  );

/**
 * Control characters, direction overrides and invisible spaces could disguise one name as another on a partner's
 * or coach's screen; lone surrogates are not text. Zero-width joiners stay allowed: Persian, Indic scripts and
 * emoji need them.
 */
const DISGUISING_CHARACTERS = /[\p{Cc}\p{Cs}\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

export const displayNameSchema = z.string().check(
  z.trim(),
  z.minLength(1, 'Tell us what to call you.'),
  z.maxLength(DISPLAY_NAME_MAX_LENGTH, `Keep it to ${DISPLAY_NAME_MAX_LENGTH} characters.`),
  z.refine(
    (name) => !DISGUISING_CHARACTERS.test(name) && /[\p{L}\p{N}\p{S}]/u.test(name),
    'Use letters, digits, spaces and punctuation only.',
  ),
);

export const signupInputSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
  role: z.enum(ROLES, 'Choose partner or coach.'),
});
export type SignupInput = z.input<typeof signupInputSchema>;

export const loginInputSchema = z.strictObject({
  email: emailSchema,
  // No length rule here: a login must not tell which passwords could never have been valid.
  password: z
    .string()
    .check(z.minLength(1, 'Enter your password.'), z.maxLength(PASSWORD_MAX_LENGTH, 'That password is too long.')),
});
export type LoginInput = z.input<typeof loginInputSchema>;

export interface UserDto {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** The couple a partner belongs to; always null for a coach. */
  coupleId: string | null;
  /** A demo account, made by "Explore the demo" and removed after a day. */
  isDemo: boolean;
}
