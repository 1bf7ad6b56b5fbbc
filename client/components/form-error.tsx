import { errorMessage } from '#client/lib/errors';

/** A form's overall error, announced to screen readers as soon as it appears. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="notice notice-error" role="alert">
      {errorMessage(error)}
    </p>
  );
}
