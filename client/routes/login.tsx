import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import { loginInputSchema } from '#shared/schemas/auth.schema';
import { FormError } from '#client/components/form-error';
import { TextField } from '#client/components/text-field';
import { DemoButton } from '#client/features/auth/demo-button';
import { useSessionStart } from '#client/features/auth/use-session-start';
import { fieldErrors } from '#client/lib/errors';
import { redirectIfLoggedIn, redirectSearchSchema } from '#client/lib/redirect';
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
  const login = useMutation(trpc.auth.login.mutationOptions({ onSuccess: startSession }));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

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
      </section>
      <DemoButton />
    </div>
  );
}
