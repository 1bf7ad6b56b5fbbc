import { useId, useState, type FormEvent } from 'react';
import { IMPORT_MAX_BYTES, type AccountExport } from '#shared/schemas/account-export.schema';
import { errorMessage, fieldErrors } from '#client/lib/errors';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';

const PARTS: Record<string, string> = {
  assessments: 'Check-in',
  reflections: 'Reflection',
  focuses: 'Focus',
  coachNotes: 'Coach note',
  coachFocuses: "Coach's focus",
};

/**
 * The server's reason for refusing a file, in words: "This file isn't a Tandem export." rather than "format: This
 * file…", and "Check-in 4 in the file: Keep the note to 2000 characters." rather than a path into the JSON.
 */
export function refusalOfFile(error: unknown): string {
  const message = errorMessage(error);
  const match = Object.keys(fieldErrors(error)).length ? /^(\w+)(?:\.(\d+))?[\w.]*: (.+)$/s.exec(message) : null;
  if (!match) return message;
  const [, part = '', index, text = message] = match;
  const name = PARTS[part];
  if (name && index !== undefined) return `${name} ${Number(index) + 1} in the file: ${text}`;
  return part === 'user' ? `The account in the file: ${text}` : text;
}

/** Restores an export into this account: all of it or, if anything in the file is wrong, none of it. */
export function ImportData() {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const restore = useGuardedMutation(trpc.account.import.mutationOptions({ onSuccess: () => setFile(null) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    restore.reset();
    if (!file) return setFileError('Choose the export file first.');
    if (file.size > IMPORT_MAX_BYTES)
      return setFileError('This file is larger than any Tandem export, so it cannot be one.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setFileError(
        "This file isn't readable JSON, so it can't be a Tandem export. Choose the .json file you downloaded.",
      );
    }
    setFileError(undefined);
    // The server checks every part of it; a refusal comes back with the reason.
    restore.mutate(parsed as AccountExport);
  };

  return (
    <form onSubmit={submit} noValidate>
      <h3>Restore from an export</h3>
      <p className="muted small">
        Brings the check-ins, notes and reflections of an export into this account. A week you already logged is
        replaced by the file's version; a reflection you already have stays as it is, so importing a file again changes
        nothing. If anything in the file is wrong, nothing is imported.
      </p>
      <div className="field">
        <label htmlFor={id}>Export file (.json)</label>
        <input
          id={id}
          type="file"
          accept=".json,application/json"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${id}-error` : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setFileError(undefined);
            restore.reset();
          }}
        />
        {fileError && (
          <span id={`${id}-error`} className="field-error" role="alert">
            {fileError}
          </span>
        )}
      </div>
      {restore.error && (
        <p className="notice notice-error" role="alert">
          {refusalOfFile(restore.error)}
        </p>
      )}
      {restore.data && (
        <p className="notice notice-success" role="status">
          Restored {restore.data.imported} {restore.data.imported === 1 ? 'check-in' : 'check-ins'} and{' '}
          {restore.data.reflections} {restore.data.reflections === 1 ? 'reflection' : 'reflections'}.
          {restore.data.unknownTimeZone !== undefined && (
            <>
              {' '}
              Your reminders stay as they were: this server does not know the file&rsquo;s time zone, &ldquo;
              {restore.data.unknownTimeZone}&rdquo;. Check them under Reminders on this page.
            </>
          )}
        </p>
      )}
      <button type="submit" className="button button-secondary" disabled={restore.isPending}>
        {restore.isPending ? 'Importing…' : 'Import this file'}
      </button>
    </form>
  );
}
