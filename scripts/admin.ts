/**
 * Administration from the server's own machine. Safe while the server runs: both open the same SQLite file.
 * Usage: `npm run admin -- reset-password <email>` prints a one-time link to set a new password.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '#server/db/database';
import { migrateToLatest } from '#server/db/migrator';
import { readEnv } from '#server/env';
import { issuePasswordReset } from '#server/services/password.service';

const USAGE = `Usage: npm run admin -- reset-password <email>

  reset-password <email>   print a one-time link that lets this person set a new password
                           (it works once, for an hour; every session of theirs ends when it is used)

Reads DATABASE_PATH, PORT and PUBLIC_URL like the server does.`;

async function resetPassword(email: string): Promise<number> {
  const env = readEnv();
  const file = path.resolve(env.databasePath);
  if (!fs.existsSync(file)) {
    console.error(`There is no Tandem database at ${file}. Set DATABASE_PATH to the file the server uses.`);
    return 1;
  }
  const database = openDatabase(file);
  try {
    await migrateToLatest(database.db);
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

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'reset-password' && rest.length === 1 && rest[0]) return resetPassword(rest[0]);
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
