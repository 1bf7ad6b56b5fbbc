import { useState, type FormEvent } from 'react';
import { createFileRoute, Link } from '@tanstack/react-router';
import { loginInputSchema } from '#shared/schemas/auth.schema';
import { FormError } from '#client/components/form-error';
import { TextField } from '#client/components/text-field';
import { DemoButton, DemoSettingUp } from '#client/features/auth/demo-button';
import { useSessionStart } from '#client/features/auth/use-session-start';
import { ForgotPasswordHelp } from '#client/features/email/forgot-password-help';
import { fieldErrors } from '#client/lib/errors';
import { redirectIfLoggedIn, redirectSearchSchema } from '#client/lib/redirect';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { flattenFieldErrors } from '#client/lib/validation';
import { trpc } from '#client/trpc';

export const Route = createFileRoute('/login')({
  validateSearch: redirectSearchSchema,
  beforeLoad: redirectIfLoggedIn,
  component: LoginPage,
});

function LoginPage() {
  const { redirect: redirectTo } = Route.useSearch();
  const startSession = useSessionStart(redirectTo);
  const login = useGuardedMutation(trpc.auth.login.mutationOptions({ onSuccess: startSession }));
  const demo = useGuardedMutation(trpc.demo.start.mutationOptions({ onSuccess: useSessionStart(undefined) }));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  // From the click until the demo's dashboard is on screen, the login form no longer applies.
  if (demo.isPending || demo.isSuccess) return <DemoSettingUp />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = loginInputSchema.safeParse({ email, password });
    if (!parsed.success) return setErrors(flattenFieldErrors(parsed.error));
    setErrors({});
    login.mutate(parsed.data);
  };
  const shown = { ...fieldErrors(login.error), ...errors };

  return (
    <div className="narrow stack">
      <section className="card" aria-labelledby="login-heading">
        <h1 id="login-heading">Welcome back</h1>
        <p className="muted">Log in to your weekly check-in.</p>
        {redirectTo?.startsWith('/join/') && (
          <p className="notice">Your partner invited you. Log in, and you can join them right after.</p>
        )}
        <form onSubmit={submit} noValidate>
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={shown.email}
            required
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={shown.password}
            required
          />
          <FormError error={Object.keys(fieldErrors(login.error)).length ? null : login.error} />
          <div className="button-row">
            <button type="submit" className="button" disabled={login.isPending}>
              {login.isPending ? 'Logging in…' : 'Log in'}
            </button>
            <Link to="/signup" search={{ redirect: redirectTo }}>
              New here? Create an account
            </Link>
          </div>
        </form>
        <ForgotPasswordHelp />
      </section>
      <DemoButton onStart={() => demo.mutate({})} error={demo.error} />
    </div>
  );
}
