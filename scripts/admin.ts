/**
 * Administration from the server's own machine.
 * Usage: `npm run admin -- reset-password <email>` prints a one-time link to set a new password (safe while the
 * server runs: both open the same database); `npm run admin -- copy-to-postgres <DATABASE_URL>` moves a SQLite
 * installation to PostgreSQL (with the server stopped: docs/operations.md); `npm run admin -- status` says how the
 * installation stands (read-only: safe while the server runs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { copySqliteToPostgres } from '#server/db/copy/copy-to-postgres';
import { openAndMigrate, openTarget } from '#server/db/open';
import { describePostgresUrl } from '#server/db/postgres';
import { readEnv } from '#server/env';
import { issuePasswordReset } from '#server/services/password.service';
import { formatStatus, readStatus } from '#server/services/status.service';

const USAGE = `Usage: npm run admin -- reset-password <email>
       npm run admin -- copy-to-postgres <DATABASE_URL>
       npm run admin -- status

  reset-password <email>            print a one-time link that lets this person set a new password
                                    (it works once, for an hour; every session of theirs ends when it is used)
  copy-to-postgres <DATABASE_URL>   copy the SQLite database at DATABASE_PATH into an empty PostgreSQL database
                                    (postgres://user:password@host:5432/database), checked table by table
  status                            print the database, its migrations, size and counts, the last backup and the
                                    email settings (changes nothing, not even a pending migration)

Reads DATABASE_URL or DATABASE_PATH, PORT and PUBLIC_URL like the server does.`;

async function resetPassword(email: string): Promise<number> {
  const env = readEnv();
  if (env.database.kind === 'sqlite' && !fs.existsSync(path.resolve(env.database.path))) {
    console.error(
      `There is no Tandem database at ${path.resolve(env.database.path)}. Set DATABASE_PATH to the file the server uses.`,
    );
    return 1;
  }
  const { database } = await openAndMigrate(env.database);
  try {
    const reset = await issuePasswordReset(database.db, email, new Date(), env.config.passwordResetTtlMs);
    if (!reset) {
      console.error(`No account has the email ${email.trim().toLowerCase()}. Nothing was changed.`);
      return 1;
    }
    const base = env.config.publicUrl ?? `http://localhost:${env.port}`;
    console.log(`One-time link for ${email.trim().toLowerCase()}, valid until ${reset.expiresAt.toISOString()}:`);
    console.log(`${base}/reset-password?token=${reset.token}`);
    console.log('Send it to them privately. An earlier link for this account no longer works.');
    return 0;
  } finally {
    await database.close();
  }
}

async function status(): Promise<number> {
  const env = readEnv();
  if (env.database.kind === 'sqlite' && !fs.existsSync(path.resolve(env.database.path))) {
    console.error(
      `There is no Tandem database at ${path.resolve(env.database.path)}. Set DATABASE_PATH to the file the server uses.`,
    );
    return 1;
  }
  // Opened without migrating: a pending migration is reported, and left for the server to apply.
  const database = await openTarget(env.database);
  try {
    for (const line of formatStatus(await readStatus(database, env.database, env.config))) console.log(line);
    return 0;
  } finally {
    await database.close();
  }
}

async function copyToPostgres(url: string): Promise<number> {
  // The source is always the SQLite file: DATABASE_URL, if set, may well be the very target.
  const env = readEnv({ ...process.env, DATABASE_URL: undefined });
  const source = env.database.kind === 'sqlite' ? env.database.path : 'data/tandem.db';
  try {
    const report = await copySqliteToPostgres({ sourcePath: source, targetUrl: url, say: (line) => console.log(line) });
    const seconds = (report.ms / 1000).toFixed(1);
    console.log(
      `Copied ${report.rows} rows in ${report.tables.length} tables in ${seconds} s: every table's row count and checksum match. Committed.`,
    );
    console.log(`Next: start the server with DATABASE_URL set to this database (${describePostgresUrl(url)}).`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(withoutPassword(message.split('\n')[0] ?? message, url));
    return 1;
  }
}

/** Whatever a driver put in a message, the URL's password never reaches the screen. */
function withoutPassword(message: string, url: string): string {
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    // Not a URL: nothing in it is known to be a password, so hide nothing more than the URL itself.
    return message.replaceAll(url, '(the URL given)');
  }
  if (!password) return message;
  return [password, decodeURIComponent(password)].reduce((text, secret) => text.replaceAll(secret, '***'), message);
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'reset-password' && rest.length === 1 && rest[0]) return resetPassword(rest[0]);
  if (command === 'copy-to-postgres' && rest.length === 1 && rest[0]) return copyToPostgres(rest[0]);
  if (command === 'status' && rest.length === 0) return status();
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
