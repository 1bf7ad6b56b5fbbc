/**
 * A database of synthetic couples for benchmarks: two partners each and years of weekly check-ins ending last week.
 * Usage: `npm run seed:synthetic -- --couples 1000 --weeks 260 [--db data/synthetic.db]` for SQLite, or with
 * `--url postgres://…` (or DATABASE_URL set) for PostgreSQL.
 * Reusable: when the database already holds that many couples with that many weeks it says so and stops.
 */
import { describePostgresUrl } from '#server/db/postgres';
import { parseSyntheticArgs } from './bench/args';
import { ensureSyntheticDatabase } from './bench/synthetic';
import { ensureSyntheticPostgres } from './bench/synthetic-postgres';

async function main() {
  const args = parseSyntheticArgs(process.argv.slice(2), { couples: 1000, weeks: 260 });
  const url = args.url ?? process.env.DATABASE_URL;
  const where = url ? describePostgresUrl(url) : args.db;
  console.log(`Synthetic data: ${args.couples} couples x ${args.weeks} weeks in ${where}`);
  const options = { couples: args.couples, weeks: args.weeks, log: console.log };
  const result = url
    ? await ensureSyntheticPostgres({ ...options, url })
    : await ensureSyntheticDatabase({ ...options, file: args.db });
  const seconds = (result.ms / 1000).toFixed(1);
  const what = `${result.couples} couples, ${result.checkIns.toLocaleString('en')} check-ins, weeks ${result.firstWeek} to ${result.lastWeek}`;
  console.log(
    result.reused ? `Already there: ${what}. Nothing to do (${seconds} s).` : `Seeded ${what} in ${seconds} s.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
