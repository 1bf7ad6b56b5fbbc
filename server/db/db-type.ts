import type { Kysely } from 'kysely';
import type { Database } from './tables';

/** The app's database handle, the same type on SQLite and PostgreSQL. */
export type DB = Kysely<Database>;
