import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../helpers/emails';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';
import { sqlRow } from '../helpers/raw-sql';

const PASSWORD = 'correct horse battery';
const noEmail = { weeklyReminder: false, partnerCheckedIn: false, bothAnswered: false, coachDigest: false };

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ clientDir: null });
});
afterAll(async () => {
  await server.close();
});

async function person(role: 'partner' | 'coach', displayName: string): Promise<HttpClient> {
  const client = new HttpClient(server.baseUrl);
  const email = uniqueEmail(role);
  const signedUp = await client.mutation('auth.signup', { email, password: PASSWORD, displayName, role });
  expect(signedUp.status).toBe(200);
  return client;
}

async function settle(client: HttpClient, weekday: number, time: string, timeZone: string) {
  const saved = await client.mutation('reminder.set', { enabled: true, weekday, time, timeZone, email: noEmail });
  expect(saved.status).toBe(200);
}

async function newLink(client: HttpClient): Promise<string> {
  const made = await client.mutation('calendar.createLink', {});
  expect(made.status).toBe(200);
  return made.body.result.data.url as string;
}

/** Fetches a feed by its full URL, as a calendar app would: no cookie, nothing but the address. */
const fetchFeed = (url: string, method = 'GET') => fetch(url, { method });

/** The feed read by an independent parser (ical.js), with its own VTIMEZONE registered. */
function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  return { calendar, event: new ICAL.Event(events[0]) };
}

/** The first `count` occurrences of the event, as instants. */
function occurrences(event: ICAL.Event, count: number): Date[] {
  const iterator = event.iterator();
  const dates: Date[] = [];
  for (let next = iterator.next(); next && dates.length < count; next = iterator.next()) dates.push(next.toJSDate());
  return dates;
}

const wallClock = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);

describe('GET /calendar/<token>.ics', () => {
  it.each([
    ['Europe/Berlin', 7, '19:00', 'Sun 19:00', 2],
    ['America/New_York', 7, '19:00', 'Sun 19:00', 2],
    ['Australia/Sydney', 3, '07:45', 'Wed 07:45', 2],
    // A zone the VTIMEZONE library files under another name (Africa/Abidjan), with no changes of the clocks.
    ['Africa/Accra', 1, '09:00', 'Mon 09:00', 1],
  ])(
    'holds one weekly event at the local time in %s, through a year of weeks',
    async (zone, day, time, reading, utcHours) => {
      const ana = await person('partner', 'Ana Lima');
      await settle(ana, day, time, zone);
      const url = await newLink(ana);
      expect(url.startsWith(`${server.baseUrl}/calendar/`)).toBe(true);
      const response = await fetchFeed(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      const { calendar, event } = parseFeed(text);

      expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe(zone);
      expect(event.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(zone);
      expect(event.startDate.zone.tzid).toBe(zone);
      expect(event.isRecurring()).toBe(true);
      const rule = event.component.getFirstPropertyValue('rrule') as ICAL.Recur;
      expect(rule.freq).toBe('WEEKLY');
      expect(rule.getComponent('byday')).toEqual([['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][day - 1]]);
      expect((event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()) / 60_000).toBe(20);

      // A year of weeks, both changes of the clocks among them: every one at the same local time.
      const dates = occurrences(event, 56);
      expect(dates).toHaveLength(56);
      for (const date of dates) expect(wallClock(date, zone)).toBe(reading);
      // …which, where the clocks change, is not the same UTC time all year round.
      expect(new Set(dates.map((d) => d.getUTCHours())).size).toBe(utcHours);

      expect(event.summary).toBe('Tandem: your weekly check-in');
      expect(event.description).toContain(`${server.baseUrl}/check-in`);
      expect(event.description).toContain('Ana');
      expect(event.description).not.toContain('Lima');
    },
  );

  it("gives a coach their weekly review, linking to the coach's page", async () => {
    const kim = await person('coach', 'Kim');
    await settle(kim, 5, '16:00', 'Europe/Berlin');
    const { event } = parseFeed(await (await fetchFeed(await newLink(kim))).text());
    expect(event.summary).toBe('Tandem: your weekly review');
    expect(event.description).toContain(`${server.baseUrl}/coach`);
    expect(wallClock(event.startDate.toJSDate(), 'Europe/Berlin')).toBe('Fri 16:00');
  });

  it('follows the settings as they change, and holds the defaults (Sunday 19:00 UTC) when none were saved', async () => {
    const ben = await person('partner', 'Ben');
    const url = await newLink(ben);
    const before = parseFeed(await (await fetchFeed(url)).text()).event;
    expect(before.startDate.toJSDate().getUTCDay()).toBe(0);
    expect(before.startDate.toJSDate().toISOString()).toMatch(/T19:00:00\.000Z$/);
    await settle(ben, 2, '06:15', 'Asia/Kolkata');
    const after = parseFeed(await (await fetchFeed(url)).text()).event;
    expect(wallClock(after.startDate.toJSDate(), 'Asia/Kolkata')).toBe('Tue 06:15');
    // The same event, updated rather than added to, and stamped as changed.
    expect(after.uid).toBe(before.uid);
    const stamp = (event: ICAL.Event) =>
      (event.component.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime();
    expect(stamp(after)).toBeGreaterThanOrEqual(stamp(before));
  });

  it('carries nothing but the event: no ratings, notes or the partner', async () => {
    const ana = await person('partner', 'Ana');
    const ben = await person('partner', 'Ben');
    const created = await ana.mutation('couple.create', {});
    await ben.mutation('couple.join', { inviteCode: created.body.result.data.inviteCode });
    const text = await (await fetchFeed(await newLink(ana))).text();
    expect(text).not.toContain('Ben');
    expect(text).not.toMatch(/ATTENDEE|ORGANIZER|VALARM/);
  });

  it('answers HEAD like GET, without a body', async () => {
    const ana = await person('partner', 'Ana');
    const url = await newLink(ana);
    const head = await fetchFeed(url, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it('answers 404 for a replaced, revoked, unknown or malformed token, the same as any empty address', async () => {
    const ana = await person('partner', 'Ana');
    const first = await newLink(ana);
    const second = await newLink(ana);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    expect((await ana.mutation('calendar.revokeLink', {})).status).toBe(200);

    const nowhere = await fetchFeed(`${server.baseUrl}/nothing-here`);
    const expected = await nowhere.text();
    const token = /\/calendar\/(.+)\.ics$/.exec(second)![1]!;
    for (const path of [
      `/calendar/${token}.ics`,
      `/calendar/${'A'.repeat(43)}.ics`,
      `/calendar/${token}`,
      `/calendar/${token}.ics.txt`,
      '/calendar/%00.ics',
      `/calendar/${'x'.repeat(5000)}.ics`,
    ]) {
      const response = await fetchFeed(`${server.baseUrl}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toBe(expected);
    }
  });

  it('keeps the token only as its hash', async () => {
    const ana = await person('partner', 'Ana');
    const url = await newLink(ana);
    const token = /\/calendar\/(.+)\.ics$/.exec(url)![1]!;
    const found = await sqlRow(server, 'SELECT count(*) AS n FROM calendar_links WHERE token_hash = ?', token);
    expect(Number((found as { n: number | string }).n)).toBe(0);
  });
});

describe('the link as the server is addressed', () => {
  let behindProxy: RunningServer;
  beforeAll(async () => {
    behindProxy = await startServer({ clientDir: null, publicUrl: 'https://tandem.example' });
  });
  afterAll(async () => {
    await behindProxy.close();
  });

  it('uses PUBLIC_URL for the link and for the link inside the event', async () => {
    const client = new HttpClient(behindProxy.baseUrl);
    await client.mutation('auth.signup', {
      email: uniqueEmail('cal'),
      password: PASSWORD,
      displayName: 'Ana',
      role: 'partner',
    });
    const url = (await client.mutation('calendar.createLink', {})).body.result.data.url as string;
    expect(url).toMatch(/^https:\/\/tandem\.example\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const local = url.replace('https://tandem.example', behindProxy.baseUrl);
    const { event } = parseFeed(await (await fetchFeed(local)).text());
    expect(event.description).toContain('https://tandem.example/check-in');
  });

  it('without PUBLIC_URL, uses the address a trusted proxy says the browser used', async () => {
    const proxied = await startServer({ clientDir: null, trustProxy: 1 });
    try {
      const client = new HttpClient(proxied.baseUrl);
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tandem.home.example' };
      await client.mutation(
        'auth.signup',
        { email: uniqueEmail('cal'), password: PASSWORD, displayName: 'Ana', role: 'partner' },
        forwarded,
      );
      const made = await client.mutation('calendar.createLink', {}, forwarded);
      expect(made.body.result.data.url).toMatch(/^https:\/\/tandem\.home\.example\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    } finally {
      await proxied.close();
    }
  });
});
