import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointAfterErase } from '#server/db/erase';
import { FORMER_COACH_NAME } from '#server/repositories/coach-access-log.repository';
import { exportDigest } from '#server/services/account-export.service';
import type { AccountExport } from '#shared/schemas/account-export.schema';
import { removeExpiredDemos } from '#server/services/demo.service';
import {
  connectCoach,
  LAST_WEEK,
  pairedCouple,
  PASSWORD,
  signUpCoach,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
  type Person,
} from '../helpers/factories';
import { addKeptMeasure } from '../helpers/direct-rows';
import { ratingsOf } from '../helpers/ratings';
import { filesHolding, runBackup } from '../helpers/on-disk';
import { createTestApp, type TestApp } from '../helpers/test-app';

// What someone deleted must be gone from the disk, not only from the tables: the database file, its write-ahead
// log, and any backup taken afterwards. Each test reads the raw bytes of every file in the database's folder.

let dir: string;
let app: TestApp;
let couple: Couple;
let coach: Person;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-erasure-'));
  app = await createTestApp({}, WEDNESDAY, { file: path.join(dir, 'data', 'tandem.db') });
  couple = await pairedCouple(app, [`Ana ${mark()}`, `Ben ${mark()}`]);
  coach = await signUpCoach(app, `Coach ${mark()}`);
  await connectCoach(couple, coach);
});
afterEach(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Words no other test, fixture or file could contain by chance. */
const mark = () => `mark${randomBytes(8).toString('hex')}`;
const dataDir = () => path.join(dir, 'data');

/** Checks that the words reached the disk before they were deleted, so finding nothing later means something. */
function expectOnDisk(...words: string[]) {
  for (const word of words) expect(filesHolding(dataDir(), word), word).not.toEqual([]);
}

function expectNowhere(folder: string, ...words: string[]) {
  expect(Object.fromEntries(words.map((word) => [word, filesHolding(folder, word)]))).toEqual(
    Object.fromEntries(words.map((word) => [word, []])),
  );
}

describe('deleted words leave the disk', () => {
  it('a deleted account leaves nothing it wrote in the database file, its log, or a backup taken afterwards', async () => {
    const [ben, coachApi] = [await couple.b.api(), await coach.api()];
    const note = mark();
    const shared = mark();
    const long = mark();
    const coachNote = mark();
    const focusNote = mark();
    await ben.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(6), note: `This week ${note} was hard.` });
    await ben.reflection.save({
      practiceId: 'trust',
      body: `I trust ${shared} more now.`,
      visibility: 'partner_and_coach',
    });
    // Long enough to spill onto overflow pages, which are freed whole rather than cleared in place.
    await ben.reflection.save({
      practiceId: 'presence',
      body: `${'Being there, '.repeat(300)}${long}`,
      visibility: 'private',
    });
    await coachApi.coach.addNote({ coupleId: couple.coupleId, body: `Session notes: ${coachNote}` });
    await coachApi.coach.assignFocus({ coupleId: couple.coupleId, practiceId: 'trust', note: `Try ${focusNote}` });
    // A measure of the coach's that only Ben answered, and one restored into Ben's account from a file.
    const measureWords = mark();
    const restoredWords = mark();
    const { measureId } = await coachApi.measure.create({
      name: `Scale ${measureWords}`,
      items: [{ text: `Asked ${measureWords}`, min: 0, max: 4, minLabel: 'Never', maxLabel: 'Always' }],
      scoring: 'sum',
    });
    const { assignmentId } = await coachApi.measure.assign({
      coupleId: couple.coupleId,
      measureId,
      everyWeeks: 1,
      visibleToCouple: true,
    });
    await ben.measure.answer({ assignmentId, period: THIS_WEEK, answers: [3] });
    const body: Omit<AccountExport, 'integrity'> & { integrity?: string } = await ben.account.export();
    delete body.integrity;
    body.measureAnswers![0]!.name = `Kept ${restoredWords}`;
    body.measureAnswers![0]!.items[0]!.text = `Restored ${restoredWords}`;
    await ben.account.import({ ...body, integrity: exportDigest(body) });
    // A read by the coach writes the coach's name into the couple's access log.
    await coachApi.coach.roster();
    const benWords = [note, shared, long, restoredWords, couple.b.user.displayName, couple.b.email];
    const coachWords = [coachNote, focusNote, measureWords, coach.user.displayName, coach.email];
    expectOnDisk(...benWords, ...coachWords);

    expect(await ben.account.delete({ password: PASSWORD })).toEqual({ ok: true });
    expectNowhere(dataDir(), ...benWords);
    expect(await coachApi.account.delete({ password: PASSWORD })).toEqual({ ok: true });
    expectNowhere(dataDir(), ...benWords, ...coachWords);

    // The couple still sees that a coach looked, without the name of a person who is gone.
    const log = await (await couple.a.api()).couple.coachAccessLog();
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((row) => row.coachName === FORMER_COACH_NAME && row.coachId === null)).toBe(true);

    const backupFile = path.join(dir, 'backups', 'after.db');
    const backup = await runBackup(path.join(dataDir(), 'tandem.db'), backupFile);
    expect(backup.output).toMatch(/Backed up .* \(1 accounts, 0 check-ins; integrity ok\)/);
    expect(backup.code).toBe(0);
    expectNowhere(path.dirname(backupFile), ...benWords, ...coachWords);
    // What was not deleted is in the backup: the partner who stayed.
    expect(filesHolding(path.dirname(backupFile), couple.a.email)).toEqual(['after.db']);
  }, 60_000);

  it("an edited or deleted reflection, check-in note, coach note or focus note leaves no trace of the words it replaced, nor does a revoked coach's focus note", async () => {
    const [ben, coachApi] = [await couple.b.api(), await coach.api()];
    const coupleId = couple.coupleId;

    const reflectionBefore = mark();
    const reflection = await ben.reflection.save({
      practiceId: 'trust',
      body: `First draft ${reflectionBefore}`,
      visibility: 'partner',
    });
    expectOnDisk(reflectionBefore);
    await ben.reflection.save({
      id: reflection.id,
      practiceId: 'trust',
      body: 'Second thoughts',
      visibility: 'partner',
    });
    expectNowhere(dataDir(), reflectionBefore);

    const reflectionDeleted = mark();
    const doomed = await ben.reflection.save({ practiceId: 'rituals', body: `Regret ${reflectionDeleted}` });
    expectOnDisk(reflectionDeleted);
    await ben.reflection.delete({ id: doomed.id });
    expectNowhere(dataDir(), reflectionDeleted);

    const noteChanged = mark();
    await ben.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(6), note: `Said ${noteChanged}` });
    expectOnDisk(noteChanged);
    await ben.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(6), note: 'Said something else' });
    expectNowhere(dataDir(), noteChanged);

    const noteDropped = mark();
    await ben.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(5), note: `Felt ${noteDropped}` });
    expectOnDisk(noteDropped);
    await ben.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(5), note: null });
    expectNowhere(dataDir(), noteDropped);

    const coachNoteBefore = mark();
    const coachNote = await coachApi.coach.addNote({ coupleId, body: `Draft ${coachNoteBefore}` });
    expectOnDisk(coachNoteBefore);
    await coachApi.coach.updateNote({ coupleId, noteId: coachNote.id, body: 'Clean copy' });
    expectNowhere(dataDir(), coachNoteBefore);
    await coachApi.coach.deleteNote({ coupleId, noteId: coachNote.id });
    const coachNoteDeleted = mark();
    const second = await coachApi.coach.addNote({ coupleId, body: `Aside ${coachNoteDeleted}` });
    expectOnDisk(coachNoteDeleted);
    await coachApi.coach.deleteNote({ coupleId, noteId: second.id });
    expectNowhere(dataDir(), coachNoteDeleted);

    const focusNote = mark();
    await coachApi.coach.assignFocus({ coupleId, practiceId: 'trust', note: `Try ${focusNote}` });
    expectOnDisk(focusNote);
    await coachApi.coach.assignFocus({ coupleId, practiceId: null });
    expectNowhere(dataDir(), focusNote);

    const revokedFocusNote = mark();
    await coachApi.coach.assignFocus({ coupleId, practiceId: 'rituals', note: `Plan ${revokedFocusNote}` });
    expectOnDisk(revokedFocusNote);
    await (await couple.a.api()).couple.revokeCoach({ coachId: coach.user.id });
    expectNowhere(dataDir(), revokedFocusNote);
  });

  it('a couple deleted with its last member takes its coach notes off the disk', async () => {
    const coachNote = mark();
    await (await coach.api()).coach.addNote({ coupleId: couple.coupleId, body: `About them: ${coachNote}` });
    await (await couple.a.api()).couple.leave({});
    expectOnDisk(coachNote);
    await (await couple.b.api()).couple.leave({});
    expectNowhere(dataDir(), coachNote);
  });

  it('deleted kept questionnaire answers leave no trace of the questionnaire’s words', async () => {
    const [name, item] = [mark(), mark()];
    const measureId = await addKeptMeasure(app, couple.a.user.id, `Kept ${name}`, THIS_WEEK, `Asked ${item}`);
    expectOnDisk(name, item);
    await (await couple.a.api()).measure.deleteKept({ measureId });
    expectNowhere(dataDir(), name, item);
  });

  it('expired demos leave nothing a visitor wrote', async () => {
    const visitor = await app.client();
    await (await visitor.api()).demo.start({});
    const words = mark();
    await (await visitor.api()).reflection.save({ practiceId: 'trust', body: `Trying it out: ${words}` });
    expectOnDisk(words);
    await removeExpiredDemos(
      app.database.db,
      new Date(WEDNESDAY.getTime() + app.deps.config.demoTtlMs + 1),
      app.deps.config.demoTtlMs,
    );
    expectNowhere(dataDir(), words);
  });

  it('a deletion succeeds while another connection reads the database, as a backup does; the log is cleared once it stops', async () => {
    const ben = await couple.b.api();
    const words = mark();
    const reflection = await ben.reflection.save({ practiceId: 'trust', body: `Held open ${words}` });
    // A reader in the middle of a transaction, as a backup is while it copies: it pins the log as it was.
    const reader = new SQLite(path.join(dataDir(), 'tandem.db'), { readonly: true });
    try {
      reader.exec('begin');
      expect(reader.prepare('select count(*) as n from reflections').get()).toEqual({ n: 1 });
      expect(await ben.reflection.delete({ id: reflection.id })).toEqual({ ok: true });
      // The deletion stands, for everyone, even though its words could not be cleared from the log yet.
      expect(await ben.reflection.list()).toEqual([]);
      expect(filesHolding(dataDir(), words)).toContain('tandem.db-wal');
      reader.exec('commit');
    } finally {
      reader.close();
    }
    // The hourly housekeeping catches up, whether or not the retry a few seconds later has already done it.
    await removeExpiredDemos(app.database.db, WEDNESDAY, app.deps.config.demoTtlMs);
    expectNowhere(dataDir(), words);
  });

  it('refuses to checkpoint inside a transaction, where the deletion has not been committed yet', async () => {
    await expect(app.database.db.transaction().execute((trx) => checkpointAfterErase(trx))).rejects.toThrow(
      /after the transaction has committed/,
    );
  });
});
