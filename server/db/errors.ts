// What a failed statement means, told apart here once: the drivers of SQLite and PostgreSQL name the same failure
// differently, and the rest of the server asks only what happened.

/** A write refused by a unique index or primary key: someone else got there first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // better-sqlite3's codes, then PostgreSQL's SQLSTATE for unique_violation.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
