import { parseArgs } from 'node:util';
import { DEFAULT_SYNTHETIC_DB } from './synthetic';

export interface SyntheticArgs {
  couples: number;
  weeks: number;
  db: string;
  /** A PostgreSQL database to seed instead of the SQLite file: `--url`, else DATABASE_URL. */
  url: string | undefined;
}

/** `--couples N --weeks N --db path --url postgres://…`, shared by the seeder and the bench; anything else is refused. */
export function parseSyntheticArgs(
  argv: string[],
  defaults: { couples: number; weeks: number },
  extra: Record<string, { type: 'string' | 'boolean' }> = {},
): SyntheticArgs & { extra: Record<string, string | boolean | undefined> } {
  const { values } = parseArgs({
    args: argv,
    options: {
      couples: { type: 'string' },
      weeks: { type: 'string' },
      db: { type: 'string' },
      url: { type: 'string' },
      ...extra,
    },
    strict: true,
  });
  const positive = (name: string, raw: unknown, fallback: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 1_000_000)
      throw new Error(`--${name} must be a whole number from 1 up.`);
    return value;
  };
  const url = values.url;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    throw new Error('--url must look like postgres://user:password@host:5432/database');
  return {
    couples: positive('couples', values.couples, defaults.couples),
    weeks: positive('weeks', values.weeks, defaults.weeks),
    db: values.db ?? DEFAULT_SYNTHETIC_DB,
    url,
    extra: Object.fromEntries(
      Object.keys(extra).map((key) => [key, (values as Record<string, string | boolean | undefined>)[key]]),
    ),
  };
}
