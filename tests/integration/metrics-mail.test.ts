import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotificationPass } from '#server/mail/notifier';
import { createMetrics } from '#server/observability/metrics';
import { signUpPartner } from '../helpers/factories';
import { parsePrometheusText, sampleValue } from '../helpers/prometheus-text';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { testDatabaseKind } from '../helpers/test-database';

/** Wednesday of 2026-W48, 12:00 UTC: an hour after the reminder time set below. */
const WEDNESDAY_NOON = new Date('2026-11-25T12:00:00.000Z');

let smtp: TestSmtpServer;
let world: TestApp;
beforeAll(async () => {
  smtp = await startSmtpServer();
  world = await createTestApp(
    { mail: { smtpUrl: smtp.url, from: 'Tandem <tandem@example.test>' }, publicUrl: 'https://tandem.example.test' },
    WEDNESDAY_NOON,
  );
});
afterAll(async () => {
  await world?.close();
  await smtp?.close();
});

describe(`email metrics (${testDatabaseKind()})`, () => {
  it('count a timed reminder sent, by its kind, and never name the person it went to', async () => {
    const metrics = createMetrics();
    world.deps.observeMail = metrics.observeMail;
    const person = await signUpPartner(world, 'Quinn Metricsworth');
    // Confirming the address sends a confirmation email first: counted as one too.
    await (await person.api()).email.sendConfirmation({});
    const [message] = await smtp.waitForMessages(1);
    const token = /confirm-email\?token=([A-Za-z0-9_%-]+)/.exec(message!.text)![1]!;
    await (await person.api()).email.confirm({ token: decodeURIComponent(token) });
    await (
      await person.api()
    ).reminder.set({
      enabled: true,
      weekday: 3,
      time: '11:00',
      timeZone: 'UTC',
      email: { weeklyReminder: true, partnerCheckedIn: false, bothAnswered: false, coachDigest: false },
    });

    const report = await runNotificationPass(world.deps, world.deps.mail!);
    expect(report.sent).toBe(1);
    const text = await metrics.registry.metrics();
    const samples = parsePrometheusText(text);
    expect(sampleValue(samples, 'tandem_email_sends_total', { kind: 'weeklyReminder' })).toBe(1);
    expect(sampleValue(samples, 'tandem_email_sends_total', { kind: 'confirmation' })).toBe(1);
    expect(sampleValue(samples, 'tandem_email_failures_total')).toBe(0);
    expect(text).not.toContain(person.email);
    expect(text).not.toContain('Metricsworth');
  });
});
