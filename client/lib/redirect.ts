import { z } from 'zod';

/**
 * Where to go after logging in. Only paths of this app are accepted, so a crafted link cannot send someone to
 * another site after they type their password.
 */
export const redirectSearchSchema = z.object({
  redirect: z
    .string()
    .max(500)
    .refine((value) => value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\'))
    .optional()
    .catch(undefined),
});

export function afterLoginPath(redirect: string | undefined, role: 'partner' | 'coach'): string {
  if (redirect && !redirect.startsWith('/login') && !redirect.startsWith('/signup')) return redirect;
  return role === 'coach' ? '/coach' : '/dashboard';
}
