import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICES } from '#shared/practices';
import { currentWeek } from '#shared/week';
import { createApp } from '#server/app';
import { migrateToLatest } from '#server/db/migrator';
import { openPostgres, type OpenPostgresDatabase } from '#server/db/postgres';
import { createHttpServer } from '#server/http/listen';
import { silentLogger } from '#server/observability/logger';
import { horizontalOverflow, watchedPage } from '../helpers/browser';
import { launchChromium } from '../helpers/chromium';
import { CLIENT_DIR } from '../helpers/http-server';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster';
import { sqlRows } from '../helpers/raw-sql';
import { TEST_CONFIG } from '../helpers/test-app';
import { withDatabaseName } from '../helpers/test-database';

// The browser tests run on SQLite; this one journey runs the same client against the app on PostgreSQL, a server of
// its own started here, to show the whole path (pages, API, database) holds there too.

let cluster: PostgresCluster | undefined;
let database: OpenPostgresDatabase | undefined;
let server: Server | undefined;
let browser: Browser | undefined;
let baseUrl = '';

beforeAll(async () => {
  cluster = await startPostgresCluster();
  const admin = openPostgres(cluster.adminUrl, { poolSize: 1 });
  try {
    await admin.pool.query('create database tandem');
  } finally {
    await admin.close();
  }
  database = openPostgres(withDatabaseName(cluster.adminUrl, 'tandem'), { poolSize: 10 });
  await migrateToLatest(database.db);
  const config = { ...TEST_CONFIG, clientDir: CLIENT_DIR };
  const { app } = createApp({ db: database.db, database, config, logger: silentLogger() });
  const listening = createHttpServer(app, { capPerAddress: config.ipRateLimit && !config.trustProxy });
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    const listening = server;
    listening.closeAllConnections();
    await new Promise<void>((resolve) => listening.close(() => resolve()));
  }
  await database?.close();
  cluster?.stop();
});

describe('on PostgreSQL', () => {
  it('explores the demo, checks in for this week, and sees the week on the dashboard', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(context, baseUrl);
    await page.goto(`${baseUrl}/login`);
    await page.getByRole('button', { name: 'Explore the demo' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: 'Hello, Alex' }).waitFor();
    await page.getByRole('region', { name: 'Connection over time' }).locator('svg .recharts-line').first().waitFor();
    await page.getByText('Blake has checked in.').waitFor();

    const thisWeek = page.getByRole('region', { name: 'This week' });
    await thisWeek.getByRole('link', { name: 'Check in now' }).click();
    await page.getByRole('heading', { name: 'Weekly check-in' }).waitFor();
    for (const practice of PRACTICES) {
      await page
        .getByRole('group', { name: new RegExp(`^${practice.name}`) })
        .getByLabel('9 of 10', { exact: true })
        .check();
    }
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await page.waitForURL('**/dashboard?saved=*');
    await page.getByText('Check-in saved').waitFor();

    // The week is Alex's now: the card offers an edit, and side by side shows this week's 9s in Alex's column.
    await thisWeek.getByRole('link', { name: 'Edit my check-in' }).waitFor();
    const sideBySide = page.getByRole('region', { name: 'Side by side' });
    await sideBySide.waitFor();
    const alexColumn = await sideBySide
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('td .rating-value')?.textContent ?? ''));
    expect(alexColumn).toEqual(PRACTICES.map(() => '9'));
    expect(await horizontalOverflow(page)).toBe(0);
    expect(problems).toEqual([]);

    // And it is PostgreSQL that holds it.
    const saved = await sqlRows<{ display_name: string; week: string }>(
      { database: database! },
      'select u.display_name, a.week from assessments a join users u on u.id = a.user_id where a.week = ? order by u.display_name',
      currentWeek(new Date()),
    );
    expect(saved).toEqual([
      { display_name: 'Alex', week: currentWeek(new Date()) },
      { display_name: 'Blake', week: currentWeek(new Date()) },
    ]);
    await context.close();
  });
});
