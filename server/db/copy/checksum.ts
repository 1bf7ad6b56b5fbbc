import { createHash, type Hash } from 'node:crypto';
import type { CopyTable } from './schema';

/**
 * One table's rows, read in the same order on both sides and written down the same way, so that equal contents give
 * equal checksums:
 * - the order is every column, ascending, nulls first. Text is compared byte by byte on both: SQLite's BINARY
 *   collation compares the UTF-8 bytes, and PostgreSQL's "C" collation does the same (its database default may be
 *   a language's order, which would sort "a" and "B" differently).
 * - each row is the JSON array of its values in the target's column order. Integers come back as numbers from
 *   both (postgres.ts maps bigint and numeric), a boolean is written as 0/1 as SQLite stores it, a bigint as a number
 *   (as its digits beyond 2^53), bytes as hex.
 */
export function orderBy(table: CopyTable, dialect: 'sqlite' | 'postgres'): string {
  return table.columns
    .map(({ name, type }) => {
      const collate = dialect === 'sqlite' ? ' collate binary' : isText(type) ? ' collate "C"' : '';
      return `${quote(name)}${collate} asc nulls first`;
    })
    .join(', ');
}

export function selectOrdered(table: CopyTable, dialect: 'sqlite' | 'postgres'): string {
  return `select ${table.columns.map((c) => quote(c.name)).join(', ')} from ${quote(table.name)} order by ${orderBy(table, dialect)}`;
}

function isText(type: string): boolean {
  return type === 'text' || type === 'character varying' || type === 'character';
}

/** A name as SQL reads it, on either database. */
export function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export class TableChecksum {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;

  add(row: readonly unknown[]): void {
    this.hash.update(JSON.stringify(row.map(canonical)));
    this.hash.update('\n');
    this.rows += 1;
  }

  /** The SHA-256 of every row added, in hex. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

function canonical(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('hex') };
  if (value instanceof Date) return value.toISOString();
  return value;
}
