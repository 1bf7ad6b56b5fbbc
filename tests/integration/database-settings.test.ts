import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DatabaseSetupError,
  openDatabase,
  verifyDurabilitySettings,
  type OpenSqliteDatabase,
} from '#server/db/database';
import { migrateToLatest } from '#server/db/migrator';

let dir: string;
let opened: OpenSqliteDatabase | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-settings-'));
});
afterEach(async () => {
  await opened?.close();
  opened = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the server connection', () => {
  it('runs in WAL with synchronous NORMAL, foreign keys, a busy timeout, normal locking and secure delete', () => {
    opened = openDatabase(path.join(dir, 'tandem.db'));
    const pragma = (name: string) => opened!.sqlite.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(1);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pragma('locking_mode')).toBe('normal');
    expect(pragma('secure_delete')).toBe(1);
  });

  it('keeps WAL in the file, so another process opening it reads the same mode', async () => {
    const file = path.join(dir, 'tandem.db');
    opened = openDatabase(file);
    await migrateToLatest(opened.db);
    const other = new SQLite(file, { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
  });

  it('refuses, naming each setting, a connection whose settings are weaker', () => {
    const file = path.join(dir, 'weak.db');
    const weak = new SQLite(file);
    weak.pragma('journal_mode = DELETE');
    weak.pragma('synchronous = OFF');
    // better-sqlite3 turns these on by itself; a connection made some other way might not.
    weak.pragma('foreign_keys = OFF');
    weak.pragma('busy_timeout = 0');
    weak.pragma('secure_delete = OFF');
    try {
      expect(() => verifyDurabilitySettings(weak, file)).toThrow(DatabaseSetupError);
      expect(() => verifyDurabilitySettings(weak, file)).toThrow(
        /journal_mode is delete, needs wal; synchronous is OFF, needs NORMAL; foreign_keys is 0, needs 1; busy_timeout is 0, needs 5000; secure_delete is 0, needs 1/,
      );
      weak.pragma('journal_mode = WAL');
      weak.pragma('synchronous = NORMAL');
      weak.pragma('foreign_keys = ON');
      weak.pragma('busy_timeout = 5000');
      expect(() => verifyDurabilitySettings(weak, file)).toThrow(/: secure_delete is 0, needs 1\./);
      weak.pragma('secure_delete = ON');
      weak.pragma('locking_mode = EXCLUSIVE');
      expect(() => verifyDurabilitySettings(weak, file)).toThrow(/locking_mode is exclusive, needs normal/);
      weak.pragma('locking_mode = NORMAL');
      expect(() => verifyDurabilitySettings(weak, file)).not.toThrow();
    } finally {
      weak.close();
    }
  });

  it('accepts only the memory journal for an in-memory database', () => {
    opened = openDatabase(':memory:');
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('memory');
    expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(opened.sqlite.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('cascades deletes through foreign keys', async () => {
    opened = openDatabase(path.join(dir, 'tandem.db'));
    await migrateToLatest(opened.db);
    const now = new Date().toISOString();
    opened.sqlite
      .prepare(
        "insert into users (id, email, password_hash, display_name, role, created_at) values ('u1', 'a@b.c', 'h', 'A', 'partner', ?)",
      )
      .run(now);
    opened.sqlite.prepare("insert into sessions values ('s1', 'u1', ?, ?, ?)").run(now, now, now);
    opened.sqlite.prepare("delete from users where id = 'u1'").run();
    expect(opened.sqlite.prepare('select count(*) as n from sessions').get()).toEqual({ n: 0 });
  });

  it('has one writer: a statement outside a transaction waits until the transaction ends', async () => {
    opened = openDatabase(path.join(dir, 'tandem.db'));
    await migrateToLatest(opened.db);
    const db = opened.db;
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('couples').values({ id: 'c1', created_at: 'in transaction' }).execute();
      await held;
      order.push('transaction commits');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = db
      .selectFrom('couples')
      .select('id')
      .execute()
      .then((rows) => order.push(`outside reads ${rows.length}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual([]);
    release();
    await Promise.all([transaction, outside]);
    expect(order).toEqual(['transaction commits', 'outside reads 1']);
  });
});
