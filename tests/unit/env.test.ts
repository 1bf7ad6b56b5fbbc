import { describe, expect, it } from 'vitest';
import { readEnv } from '#server/env';

describe('choosing the database from the environment', () => {
  it('uses the SQLite file at DATABASE_PATH when DATABASE_URL is unset', () => {
    expect(readEnv({ DATABASE_PATH: '/srv/tandem/tandem.db' }).database).toEqual({
      kind: 'sqlite',
      path: '/srv/tandem/tandem.db',
    });
    expect(readEnv({}).database).toEqual({ kind: 'sqlite', path: 'data/tandem.db' });
  });

  it('uses PostgreSQL when DATABASE_URL is set, ignoring DATABASE_PATH, with a pool of 10 unless told', () => {
    const url = 'postgres://tandem:secret@db.internal:5432/tandem';
    expect(readEnv({ DATABASE_URL: url, DATABASE_PATH: 'ignored.db' }).database).toEqual({
      kind: 'postgres',
      url,
      poolSize: 10,
    });
    expect(readEnv({ DATABASE_URL: 'postgresql://h/db', DATABASE_POOL_SIZE: '25' }).database).toEqual({
      kind: 'postgres',
      url: 'postgresql://h/db',
      poolSize: 25,
    });
  });

  it.each([
    ['mysql://tandem@host/db', 'DATABASE_URL'],
    ['postgres://', 'DATABASE_URL'],
    ['tandem.db', 'DATABASE_URL'],
  ])('refuses DATABASE_URL=%s with a message naming the variable', (value, name) => {
    expect(() => readEnv({ DATABASE_URL: value })).toThrow(new RegExp(`Invalid environment: ${name}`));
  });

  it('reads WEB_CONCURRENCY as a whole number of workers from 1 to 64, 1 unless told', () => {
    expect(readEnv({}).workers).toBe(1);
    expect(readEnv({ WEB_CONCURRENCY: '4' }).workers).toBe(4);
    for (const bad of ['0', '-1', '1.5', 'two', '65']) {
      expect(() => readEnv({ WEB_CONCURRENCY: bad })).toThrow(/Invalid environment: WEB_CONCURRENCY/);
    }
    for (const bad of ['0', '101', 'x']) {
      expect(() => readEnv({ DATABASE_POOL_SIZE: bad })).toThrow(/Invalid environment: DATABASE_POOL_SIZE/);
    }
  });

  it('never repeats the password of a refused DATABASE_URL', () => {
    expect(() => readEnv({ DATABASE_URL: 'postgres://u:hunter2@' })).toThrow();
    try {
      readEnv({ DATABASE_URL: 'postgres://u:hunter2@' });
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });
});

describe('email and the timer from the environment', () => {
  const MAIL = { SMTP_URL: 'smtp://tandem:s3cret-pw@mail.example.org:587', MAIL_FROM: 'Tandem <tandem@example.org>' };

  it('turns email on only with SMTP_URL, MAIL_FROM and PUBLIC_URL together', () => {
    expect(readEnv({}).config.mail).toBeNull();
    expect(readEnv({ ...MAIL, PUBLIC_URL: 'https://tandem.example.org' }).config.mail).toEqual({
      smtpUrl: MAIL.SMTP_URL,
      from: MAIL.MAIL_FROM,
    });
    expect(
      readEnv({ ...MAIL, SMTP_URL: 'smtps://mail.example.org', PUBLIC_URL: 'https://t.example' }).config.mail,
    ).not.toBeNull();
  });

  it('refuses half a setup, with a line saying what is missing and never the password', () => {
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ SMTP_URL: MAIL.SMTP_URL, PUBLIC_URL: 'https://t.example' }, /MAIL_FROM/],
      [{ MAIL_FROM: MAIL.MAIL_FROM, PUBLIC_URL: 'https://t.example' }, /SMTP_URL/],
      [MAIL, /PUBLIC_URL/],
      [{ ...MAIL, SMTP_URL: 'http://tandem:s3cret-pw@mail.example.org' }, /SMTP_URL: must look like smtp:/],
      [{ ...MAIL, MAIL_FROM: 'not an address' }, /MAIL_FROM: must be an address/],
    ];
    for (const [env, message] of cases) {
      expect(() => readEnv(env)).toThrow(message);
      expect(() => readEnv(env)).not.toThrow(/s3cret-pw/);
    }
  });

  it('reads NOTIFY_INTERVAL_SECONDS as whole seconds from 1 to a day, 60 unless told', () => {
    expect(readEnv({}).config.notifyIntervalMs).toBe(60_000);
    expect(readEnv({ NOTIFY_INTERVAL_SECONDS: '1' }).config.notifyIntervalMs).toBe(1_000);
    for (const bad of ['0', '86401', '1.5', 'soon'])
      expect(() => readEnv({ NOTIFY_INTERVAL_SECONDS: bad })).toThrow(/NOTIFY_INTERVAL_SECONDS/);
  });
});

describe('TRUST_PROXY', () => {
  it('takes a hop count or the proxies addresses, as Express does', () => {
    expect(readEnv({}).config.trustProxy).toBe(false);
    expect(readEnv({ TRUST_PROXY: '1' }).config.trustProxy).toBe(1);
    for (const value of [
      'loopback',
      '10.0.0.1',
      '10.0.0.0/8, 192.168.1.2',
      'loopback,::1',
      'fd00::/8',
      '10.1.2.3/32',
    ]) {
      expect(readEnv({ TRUST_PROXY: value }).config.trustProxy).toBe(value);
    }
  });

  it.each([
    'true',
    'false',
    'yes',
    '',
    '10.0.0.1/8/2',
    'proxy.example.org',
    '10.0.0.0/abc',
    // Ranges Express would refuse at start, and /0, which trusts every address.
    '10.0.0.0/33',
    'fd00::/129',
    '0.0.0.0/0',
    '::/0',
  ])('refuses %j with a message naming the variable, not a stack trace from Express at start', (value) => {
    expect(() => readEnv({ TRUST_PROXY: value })).toThrow(/Invalid environment: TRUST_PROXY/);
  });
});

describe('PORT', () => {
  it('takes a port number, 3000 when unset, 0 for any free port', () => {
    expect(readEnv({}).port).toBe(3000);
    expect(readEnv({ PORT: '8080' }).port).toBe(8080);
    expect(readEnv({ PORT: '0' }).port).toBe(0);
  });

  it.each(['', ' ', '80.5', '-1', '65536', 'http', '3000 '])(
    'refuses %j rather than listen somewhere unknown',
    (value) => {
      expect(() => readEnv({ PORT: value })).toThrow(/Invalid environment: PORT/);
    },
  );
});
