import { describe, expect, it } from 'vitest';
import { describePostgresUrl } from '#server/db/postgres';

// What messages say of a DATABASE_URL: where the connection goes, as pg reads the URL, and never a secret.
describe('describePostgresUrl', () => {
  it('names the user, host, port and database, without the password or other parameters', () => {
    expect(
      describePostgresUrl('postgres://tandem:s3cret@db.internal:5432/tandem?sslmode=require&sslpassword=k3y'),
    ).toBe('postgres://tandem@db.internal:5432/tandem');
  });

  it('tells the Unix socket folder a host parameter names, the last one as pg reads it', () => {
    expect(describePostgresUrl('postgres://tandem:pw@localhost:5432/tandem?host=/tmp/a&host=/var/run/postgresql')).toBe(
      'postgres://tandem@localhost:5432/tandem (Unix socket in /var/run/postgresql)',
    );
  });

  it('tells a host or port parameter that overrides the URL, and leaves out a port that is not a number', () => {
    expect(describePostgresUrl('postgres://tandem@localhost/tandem?host=db2&port=6000')).toBe(
      'postgres://tandem@localhost/tandem (host db2, port 6000)',
    );
    expect(describePostgresUrl('postgres://tandem@localhost/tandem?port=x%20y')).toBe(
      'postgres://tandem@localhost/tandem',
    );
  });

  it('says "the DATABASE_URL given" for what is not a URL, rather than echo it', () => {
    expect(describePostgresUrl('not a url: password=hunter2')).toBe('the DATABASE_URL given');
  });

  it('prints no part of a password whose unencoded "/", "?" or "#" would make it read as a host and port', () => {
    for (const url of [
      'postgres://tandem:12345/x9@db.internal:5432/tandem',
      'postgres://tandem:12345?x9@db.internal/tandem',
      'postgres://tandem:12345#x9@db.internal/tandem',
      'postgres://tandem:pa@Zq/x9@db.internal/tandem',
      'postgres://tandem:pa@Zq#x9@db.internal/tandem',
    ]) {
      const text = describePostgresUrl(url);
      expect(text).toBe('the DATABASE_URL given (percent-encode its password)');
      expect(text).not.toMatch(/12345|Zq|x9/);
    }
  });
});
