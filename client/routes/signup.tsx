import { useState, type FormEvent } from 'react';
import { createFileRoute, Link } from '@tanstack/react-router';
import { PASSWORD_MIN_LENGTH, signupInputSchema, type Role } from '#shared/schemas/auth.schema';
import { FormError } from '#client/components/form-error';
import { TextField } from '#client/components/text-field';
import { useSessionStart } from '#client/features/auth/use-session-start';
import { fieldErrors } from '#client/lib/errors';
import { redirectIfLoggedIn, redirectSearchSchema } from '#client/lib/redirect';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { flattenFieldErrors } from '#client/lib/validation';
import { trpc } from '#client/trpc';

export const Route = createFileRoute('/signup')({
  validateSearch: redirectSearchSchema,
  beforeLoad: redirectIfLoggedIn,
  component: SignupPage,
});

const ROLE_CHOICES: { value: Role; title: string; description: string }[] = [
  { value: 'partner', title: "I'm a partner", description: 'Check in each week and see how the two of you are doing.' },
  { value: 'coach', title: "I'm a coach", description: 'Follow the couples who invite you, with their consent.' },
];

function SignupPage() {
  const { redirect: redirectTo } = Route.useSearch();
  const joining = redirectTo?.startsWith('/join/') ?? false;
  const startSession = useSessionStart(redirectTo);
  const signup = useGuardedMutation(trpc.auth.signup.mutationOptions({ onSuccess: startSession }));
  const [form, setForm] = useState({ displayName: '', email: '', password: '', role: 'partner' as Role });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = signupInputSchema.safeParse(form);
    if (!parsed.success) return setErrors(flattenFieldErrors(parsed.error));
    setErrors({});
    signup.mutate(parsed.data);
  };
  const serverFieldErrors = fieldErrors(signup.error);
  const shown = { ...serverFieldErrors, ...errors };

  return (
    <div className="narrow">
      <section className="card" aria-labelledby="signup-heading">
        <h1 id="signup-heading">Create your account</h1>
        <p className="muted">Two minutes a week, for the two of you. Your check-ins stay private to your couple.</p>
        {joining && (
          <p className="notice" role="status">
            Your partner invited you. Create your account here, and you can join them right after.
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <TextField
            label="Your name"
            hint="What your partner knows you by."
            name="displayName"
            autoComplete="given-name"
            value={form.displayName}
            onChange={set('displayName')}
            error={shown.displayName}
            required
          />
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            value={form.email}
            onChange={set('email')}
            error={shown.email}
            required
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            value={form.password}
            onChange={set('password')}
            error={shown.password}
            required
          />
          <fieldset className="field">
            <legend>How will you use Tandem?</legend>
            <div className="choice-list">
              {ROLE_CHOICES.map((choice) => (
                <label key={choice.value} className="choice">
                  <input
                    type="radio"
                    name="role"
                    value={choice.value}
                    checked={form.role === choice.value}
                    onChange={set('role')}
                  />
                  <span>
                    <strong>{choice.title}</strong>
                    <span className="muted small"> {choice.description}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <FormError error={Object.keys(serverFieldErrors).length ? null : signup.error} />
          <div className="button-row">
            <button type="submit" className="button" disabled={signup.isPending}>
              {signup.isPending ? 'Creating your account…' : 'Create account'}
            </button>
            <Link to="/login" search={{ redirect: redirectTo }}>
              Already have an account? Log in
            </Link>
          </div>
        </form>
      </section>
    </div>
  );
}
