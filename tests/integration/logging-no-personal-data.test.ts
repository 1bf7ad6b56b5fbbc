import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWeek } from '#shared/week';
import { HttpClient } from '../helpers/http-server';
import { ratingsOf } from '../helpers/ratings';
import {
  createSharedDatabase,
  logLines,
  startServerProcess,
  type ServerProcess,
  type SharedDatabase,
} from '../helpers/server-process';
import { startSmtpServer, messageTo, type TestSmtpServer } from '../helpers/smtp';

// A real server process logging all it can (LOG_LEVEL=trace) serves a whole journey over HTTP: every personal thing
// sent or handed out carries a random marker, and none of them may appear anywhere in what the process wrote.

/** A marker no log line could hold by chance. */
const marker = (label: string) => `${label}${randomBytes(6).toString('hex')}`;
const MARKERS = {
  email: marker('mailbox'),
  displayName: marker('Name'),
  password: marker('Password-'),
  note: marker('note'),
  reflection: marker('reflection'),
  coachNote: marker('coachnote'),
  badInput: marker('badinput'),
  wrongCode: marker('WRONG'),
};
/** Secrets the server hands out during the journey, added as they come: codes, tokens and the session. */
const secrets: string[] = [];

let shared: SharedDatabase;
let smtp: TestSmtpServer;
let server: ServerProcess;
let output = '';

const ok = (response: { status: number; body: unknown }, status = 200) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return (response.body as { result: { data: Record<string, string> } }).result?.data;
};

/** The token of the first link in an email's text that points at `path`. */
function tokenIn(text: string, path: string): string {
  const match = new RegExp(`${path}\\?token=([^\\s&]+)`).exec(text);
  expect(match, text).not.toBeNull();
  return decodeURIComponent(match![1]!);
}

beforeAll(async () => {
  shared = await createSharedDatabase();
  smtp = await startSmtpServer();
  server = await startServerProcess(null, {
    ...shared.env,
    LOG_LEVEL: 'trace',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Tandem <tandem@example.test>',
    PUBLIC_URL: 'http://tandem.example.test',
  });

  const ana = new HttpClient(server.baseUrl);
  const anaEmail = `${MARKERS.email}@example.test`;
  ok(
    await ana.mutation('auth.signup', {
      email: anaEmail,
      password: MARKERS.password,
      displayName: MARKERS.displayName,
      role: 'partner',
    }),
  );
  secrets.push(ana.cookie!.split('=')[1]!);
  const ben = new HttpClient(server.baseUrl);
  ok(
    await ben.mutation('auth.signup', {
      email: `${marker('ben')}@example.test`,
      password: 'a long password',
      displayName: 'Ben',
      role: 'partner',
    }),
  );
  const coach = new HttpClient(server.baseUrl);
  ok(
    await coach.mutation('auth.signup', {
      email: `${marker('coach')}@example.test`,
      password: 'a long password',
      displayName: 'Casey',
      role: 'coach',
    }),
  );

  // Pairing, with a wrong code first, and the page the invitation link opens.
  const created = ok(await ana.mutation('couple.create', {}));
  const inviteCode = created.inviteCode!;
  secrets.push(inviteCode, inviteCode.replace(/-/g, ''));
  ok(await ben.mutation('couple.join', { inviteCode: MARKERS.wrongCode }), 404);
  await ben.send(`/join/${inviteCode}`, { method: 'GET' });
  ok(await ben.mutation('couple.join', { inviteCode }));
  const coupleId = created.coupleId!;

  // Words only the couple and their coach may read.
  const week = currentWeek(new Date());
  ok(await ana.mutation('assessment.submit', { week, ratings: ratingsOf(() => 7), note: MARKERS.note }));
  ok(await ana.query('assessment.mine', { week }));
  ok(
    await ana.mutation('reflection.save', {
      practiceId: 'trust',
      body: MARKERS.reflection,
      visibility: 'partner_and_coach',
    }),
  );
  const coachCode = ok(await ana.mutation('couple.inviteCoach', {})).coachCode!;
  secrets.push(coachCode, coachCode.replace(/-/g, ''));
  ok(await coach.mutation('coach.accept', { coachCode }));
  ok(await coach.mutation('coach.addNote', { coupleId, body: MARKERS.coachNote }));
  ok(await coach.query('reflection.list', { coupleId }));

  // A calendar feed, fetched by its secret address.
  const feedUrl = ok(await ana.mutation('calendar.createLink', {})).url!;
  const feedToken = /\/calendar\/([^/]+)\.ics$/.exec(feedUrl)![1]!;
  secrets.push(feedToken);
  expect((await fetch(`${server.baseUrl}/calendar/${feedToken}.ics`)).status).toBe(200);

  // Email: a confirmation link and a password reset, each sent in the background and then used.
  ok(await ana.mutation('email.sendConfirmation', {}));
  const confirmToken = tokenIn((await messageTo(smtp, anaEmail)).text, '/confirm-email');
  secrets.push(confirmToken);
  ok(await ana.mutation('email.confirm', { token: confirmToken }));
  const stranger = new HttpClient(server.baseUrl);
  ok(await stranger.mutation('auth.requestPasswordReset', { email: anaEmail }));
  const resetToken = tokenIn((await messageTo(smtp, anaEmail, 1)).text, '/reset-password');
  secrets.push(resetToken);
  ok(await stranger.mutation('auth.resetPassword', { token: resetToken, newPassword: MARKERS.password }));

  // What goes wrong: a failed login, bad input in a body and in a query string, a wrong code.
  ok(await stranger.mutation('auth.login', { email: anaEmail, password: `${MARKERS.password}-wrong` }), 401);
  ok(await stranger.mutation('auth.signup', { email: MARKERS.badInput, password: 'x', displayName: '' }), 400);
  ok(await coach.mutation('coach.accept', { coachCode: MARKERS.wrongCode }), 404);
  ok(await stranger.mutation('auth.login', { email: anaEmail, password: MARKERS.password }));
  secrets.push(stranger.cookie!.split('=')[1]!);
  ok(await stranger.query('assessment.mine', { week: MARKERS.badInput }), 400);

  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  output = server.output();
}, 120_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  await smtp?.close();
  await shared?.remove();
});

describe('what a server logs while people use it', () => {
  it('has a line for every request, with its route and status', () => {
    const requests = logLines(output).filter((line) => typeof line.reqId === 'string' && 'status' in line);
    // One line for each of the 25 requests above, the refused ones too.
    expect(requests).toHaveLength(25);
    const statusOf = (route: string) => requests.filter((l) => l.route === route).map((l) => l.status);
    expect(statusOf('/trpc/auth.login')).toEqual([401, 200]);
    expect(statusOf('/trpc/couple.join')).toEqual([404, 200]);
    expect(statusOf('/join/:code')).toHaveLength(1);
    expect(statusOf('/calendar/:file')).toEqual([200]);
    expect(logLines(output).filter((l) => l.event === 'email' && l.outcome === 'sent')).toHaveLength(2);
    expect(output).toContain('Stopped cleanly.');
  });

  it('holds no email, name, password, note, reflection, coach note or bad input', () => {
    for (const [what, value] of Object.entries(MARKERS)) expect(output, what).not.toContain(value);
    // Nor the same words as JSON escapes them, or lower-cased as the schema stores an email.
    expect(output.toLowerCase()).not.toContain(MARKERS.email.toLowerCase());
  });

  it('holds no invite code, coach code, link token or session', () => {
    expect(secrets.length).toBe(9);
    for (const secret of secrets) expect(output).not.toContain(secret);
  });
});
