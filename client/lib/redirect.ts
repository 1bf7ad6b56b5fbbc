import { redirect } from '@tanstack/react-router';
import * as z from 'zod/mini';
import type { RouterContext } from '#client/routes/__root';

/**
 * Where to go after logging in. Only paths of this app are accepted, so a crafted link cannot send someone to
 * another site after they type their password.
 */
export const redirectSearchSchema = z.object({
  redirect: z.catch(
    z.optional(
      z.string().check(
        z.maxLength(500),
        // One of our own paths: a single leading slash, no backslashes, whitespace or control characters anywhere.
        z.refine((value) => /^\/(?!\/)[^\\\s\p{Cc}]*$/u.test(value)),
      ),
    ),
    undefined,
  ),
});

export function afterLoginPath(redirect: string | undefined, role: 'partner' | 'coach'): string {
  if (redirect && !redirect.startsWith('/login') && !redirect.startsWith('/signup')) return redirect;
  return role === 'coach' ? '/coach' : '/dashboard';
}

/** For /login and /signup: someone already logged in goes on to where they were headed. */
export async function redirectIfLoggedIn({
  context,
  search,
}: {
  context: RouterContext;
  search: { redirect?: string | undefined };
}) {
  const me = await context.queryClient.ensureQueryData(context.trpc.auth.me.queryOptions());
  // TanStack Router's redirect is thrown by design.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (me) throw redirect({ href: afterLoginPath(search.redirect, me.role) });
}
