import { parseArgs } from 'node:util';
import { DEFAULT_SYNTHETIC_DB } from './synthetic';

export interface SyntheticArgs {
  couples: number;
  weeks: number;
  db: string;
}

/** `--couples N --weeks N --db path`, shared by the seeder and the bench; anything else is refused. */
export function parseSyntheticArgs(argv: string[], defaults: { couples: number; weeks: number }): SyntheticArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      couples: { type: 'string' },
      weeks: { type: 'string' },
      db: { type: 'string' },
    },
    strict: true,
  });
  const positive = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 1_000_000)
      throw new Error(`--${name} must be a whole number from 1 up.`);
    return value;
  };
  return {
    couples: positive('couples', values.couples, defaults.couples),
    weeks: positive('weeks', values.weeks, defaults.weeks),
    db: values.db ?? DEFAULT_SYNTHETIC_DB,
  };
}
