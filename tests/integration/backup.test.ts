import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { addWeeks } from '#shared/week';
import { launchArgs } from '../helpers/launch';
import { filesHolding } from '../helpers/on-disk';
import {
  killHard,
  postCheckIn,
  ratingsFor,
  seedPartners,
  startServerProcess,
  type ServerProcess,
} from '../helpers/server-process';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-backup-'));
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers) await killHard(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a command from the project folder and collects what it says. */
function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

interface Acknowledged {
  userId: string;
  week: string;
  ratings: Record<string, number>;
}

describe('npm run backup', () => {
  it('copies a running server’s database with every acknowledged write, and the copy restores and boots', async () => {
    const live = path.join(dir, 'live', 'tandem.db');
    const partners = await seedPartners(live, 4);
    const server = await startServerProcess(live);
    servers.push(server);

    const acknowledged: Acknowledged[] = [];
    const nextWeek = partners.map(() => 0);
    let writing = true;
    const writers = partners.map(async (partner, p) => {
      while (writing) {
        const n = nextWeek[p]!++;
        const week = addWeeks('1970-W01', n);
        const ratings = ratingsFor(n + p);
        const response = await postCheckIn(server.baseUrl, partner.cookie, week, ratings);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        acknowledged.push({ userId: partner.userId, week, ratings });
      }
    });
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));

    // Everything acknowledged before the backup starts must be in it; writes keep landing while it runs.
    const beforeBackup = [...acknowledged];
    const backupFile = path.join(dir, 'backups', 'tandem-backup.db');
    const backup = await run('npm', ['run', '--silent', 'backup', '--', backupFile], { DATABASE_PATH: live });
    const duringBackup = acknowledged.length - beforeBackup.length;
    writing = false;
    await Promise.all(writers);
    expect(backup.output).toMatch(/Backed up .* \(4 accounts, \d+ check-ins; integrity ok\)/);
    expect(backup.code).toBe(0);
    expect(duringBackup).toBeGreaterThan(0);

    // The copy is one self-contained file: no WAL companions, a rollback journal, intact.
    expect(fs.readdirSync(path.dirname(backupFile))).toEqual(['tandem-backup.db']);
    const copy = new SQLite(backupFile, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const find = copy.prepare('select ratings from assessments where user_id = ? and week = ?');
    const missing = beforeBackup.filter((a) => {
      const row = find.get(a.userId, a.week) as { ratings: string } | undefined;
      return !row || JSON.stringify(JSON.parse(row.ratings)) !== JSON.stringify(a.ratings);
    });
    copy.close();
    expect(missing).toEqual([]);

    // Restore as docs/operations.md says: the server is stopped, the file copied into place, the server started.
    await killHard(server);
    const restored = path.join(dir, 'restored', 'tandem.db');
    fs.mkdirSync(path.dirname(restored));
    fs.copyFileSync(backupFile, restored);
    const again = await startServerProcess(restored);
    servers.push(again);
    expect((await fetch(`${again.baseUrl}/healthz`)).status).toBe(200);
    const first = partners[0]!;
    const history = await fetch(`${again.baseUrl}/trpc/assessment.history`, { headers: { cookie: first.cookie } });
    expect(history.status).toBe(200);
    const body = (await history.json()) as {
      result: { data: { partners: { userId: string; entries: { week: string }[] }[] } };
    };
    const weeks = body.result.data.partners.find((p) => p.userId === first.userId)!.entries.map((e) => e.week);
    for (const a of beforeBackup.filter((b) => b.userId === first.userId)) expect(weeks).toContain(a.week);
    // The restored server takes new writes.
    expect((await postCheckIn(again.baseUrl, first.cookie, '2000-W10', ratingsFor(1))).status).toBe(200);
  }, 90_000);

  it('writes a compacted copy: no free pages, and nothing deleted before, even when the live file still holds it', async () => {
    const live = path.join(dir, 'compact', 'tandem.db');
    const [partner] = await seedPartners(live, 1);
    const words = `gone-${randomBytes(8).toString('hex')}`;
    // As a file written before deletions were zeroed: the deleted reflections stay in its free pages.
    const older = new SQLite(live);
    older.pragma('secure_delete = OFF');
    const insert = older.prepare(
      "insert into reflections (id, user_id, practice_id, body, created_at, updated_at) values (?, ?, 'trust', ?, '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z')",
    );
    for (let i = 0; i < 40; i++) insert.run(`r${i}`, partner!.userId, `${words} ${'x'.repeat(2000)}`);
    older.prepare('delete from reflections').run();
    older.close();
    expect(filesHolding(path.dirname(live), words)).toEqual(['tandem.db']);

    const backupFile = path.join(dir, 'compact-backups', 'tandem-backup.db');
    const backup = await run(process.execPath, launchArgs('scripts/backup.ts', backupFile), {
      DATABASE_PATH: live,
    });
    expect(backup.output).toMatch(/\(1 accounts, 0 check-ins; integrity ok\)/);
    expect(backup.code).toBe(0);
    expect(filesHolding(path.dirname(backupFile), words)).toEqual([]);
    const copy = new SQLite(backupFile, { readonly: true });
    expect(copy.pragma('freelist_count', { simple: true })).toBe(0);
    expect(copy.prepare('select id from users').all()).toEqual([{ id: partner!.userId }]);
    copy.close();
  }, 60_000);

  it('refuses to overwrite a file, and says how to use it', async () => {
    const live = path.join(dir, 'refusals', 'tandem.db');
    await seedPartners(live, 1);
    const existing = path.join(dir, 'refusals', 'already-there.db');
    fs.writeFileSync(existing, 'keep me');
    const script = launchArgs('scripts/backup.ts');
    const overwrite = await run(process.execPath, [...script, existing], { DATABASE_PATH: live });
    expect(overwrite.code).toBe(1);
    expect(overwrite.output).toContain('already exists');
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    const usage = await run(process.execPath, script, { DATABASE_PATH: live });
    expect(usage.code).toBe(2);
    expect(usage.output).toContain('Usage: npm run backup -- <file>');
    const missing = await run(process.execPath, [...script, path.join(dir, 'refusals', 'new.db')], {
      DATABASE_PATH: path.join(dir, 'nothing.db'),
    });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('No database at');
  }, 60_000);
});
