import { describe, expect, it } from 'vitest';
import {
  HashingBusyError,
  hashPassword,
  isVerifiableHash,
  makeDecoyHash,
  MAX_HASHES_PER_OWNER,
  OWASP_SCRYPT_COST,
  verifyPassword,
} from '#server/auth/password';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

/** Replaces one `$`-separated field of a stored hash. */
function withField(hash: string, index: number, value: string): string {
  const parts = hash.split('$');
  parts[index] = value;
  return parts.join('$');
}

/** Flips the first character of a base64url field to another valid character. */
const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);

describe('hashPassword and verifyPassword', () => {
  it('round-trips, and records the cost and a salt in the hash', async () => {
    const hash = await hashPassword(PASSWORD, CHEAP);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain(PASSWORD);
    await expect(verifyPassword(PASSWORD, hash)).resolves.toBe(true);
  });

  it('salts every hash', async () => {
    const [one, two] = await Promise.all([hashPassword(PASSWORD, CHEAP), hashPassword(PASSWORD, CHEAP)]);
    expect(one).not.toBe(two);
    await expect(verifyPassword(PASSWORD, two)).resolves.toBe(true);
  });

  it.each([
    ['a different password', 'correct horse battery!'],
    ['a different case', 'Correct horse battery'],
    ['the empty string', ''],
    ['a prefix', 'correct horse'],
  ])('refuses %s', async (_label, attempt) => {
    const hash = await hashPassword(PASSWORD, CHEAP);
    await expect(verifyPassword(attempt, hash)).resolves.toBe(false);
  });

  it('treats canonically equivalent Unicode the same (NFKC)', async () => {
    const hash = await hashPassword('caf\u00e9 au lait!', CHEAP);
    await expect(verifyPassword('cafe\u0301 au lait!', hash)).resolves.toBe(true);
  });

  it.each([
    ['the key', 5],
    ['the salt', 4],
  ])('refuses a hash with tampered %s', async (_label, index) => {
    const hash = await hashPassword(PASSWORD, CHEAP);
    const tampered = withField(hash, index, flip(hash.split('$')[index]!));
    expect(tampered).not.toBe(hash);
    await expect(verifyPassword(PASSWORD, tampered)).resolves.toBe(false);
  });

  it.each([
    ['N', 1, '2048'],
    ['r', 2, '4'],
  ])('refuses a hash whose cost %s was changed', async (_label, index, value) => {
    const hash = await hashPassword(PASSWORD, CHEAP);
    await expect(verifyPassword(PASSWORD, withField(hash, index, value))).resolves.toBe(false);
  });

  it.each([
    ['N that is not a power of two', 1, '1000'],
    ['N that is not a number', 1, 'abc'],
    ['N too large to allocate', 1, String(2 ** 30)],
    ['p of zero', 3, '0'],
  ])('refuses, without throwing, a hash whose %s', async (_label, index, value) => {
    const hash = await hashPassword(PASSWORD, CHEAP);
    await expect(verifyPassword(PASSWORD, withField(hash, index, value))).resolves.toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['another scheme', '$2b$10$abcdefghijklmnopqrstuv'],
    ['a missing key', 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA'],
    ['the demo marker', '!demo'],
  ])('refuses %s as a stored hash', async (_label, stored) => {
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(false);
  });
});

describe('the production cost', () => {
  it('is OWASP scrypt: N=2^17, r=8, p=1', () => {
    expect(OWASP_SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });
  });

  it('is the default, and the hash records it', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
    await expect(verifyPassword('wrong password!', hash)).resolves.toBe(false);
  });
});

describe('under a burst', () => {
  it('keeps a bounded line of hashes and turns the rest away at once', async () => {
    // Real cost: each hash holds a slot long enough for the line to fill.
    const attempts = await Promise.allSettled(
      Array.from({ length: 24 }, () => hashPassword(PASSWORD, OWASP_SCRYPT_COST)),
    );
    const refused = attempts.filter((a) => a.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => a.status === 'rejected' && a.reason instanceof HashingBusyError)).toBe(true);
    expect(attempts.filter((a) => a.status === 'fulfilled').length).toBeGreaterThanOrEqual(16);
  }, 30_000);
});

describe('shares of the line', () => {
  it('lets one owner hold at most its share, turning the rest of its hashes away while others still get in', async () => {
    // Slow enough that none finishes before the checks below, which never leave the microtask queue.
    const slow = { N: 2 ** 14, r: 8, p: 8 };
    const stored = await hashPassword(PASSWORD, CHEAP);
    const held = Array.from({ length: MAX_HASHES_PER_OWNER }, () => hashPassword(PASSWORD, slow, 'greedy'));
    await expect(hashPassword(PASSWORD, slow, 'greedy')).rejects.toBeInstanceOf(HashingBusyError);
    await expect(verifyPassword(PASSWORD, stored, 'greedy')).rejects.toBeInstanceOf(HashingBusyError);
    const someoneElse = verifyPassword(PASSWORD, stored, 'someone else');
    await Promise.all(held);
    await expect(someoneElse).resolves.toBe(true);
    // Its share comes back as its hashes finish.
    await expect(verifyPassword(PASSWORD, stored, 'greedy')).resolves.toBe(true);
  }, 30_000);
});

describe('the decoy hash', () => {
  it('is made synchronously at the given cost, and no password anyone could type matches it', async () => {
    const decoy = makeDecoyHash(CHEAP);
    expect(typeof decoy).toBe('string');
    expect(decoy.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
    // Shaped like a real hash at that cost, so checking a password against it takes the same work.
    const real = await hashPassword(PASSWORD, CHEAP);
    const lengths = (hash: string) => hash.split('$').map((part) => part.length);
    expect(lengths(decoy)).toEqual(lengths(real));
    expect(isVerifiableHash(decoy)).toBe(true);
    await expect(verifyPassword('decoy password', decoy)).resolves.toBe(false);
    await expect(verifyPassword('', decoy)).resolves.toBe(false);
    expect(makeDecoyHash(CHEAP)).not.toBe(decoy);
  });

  it.each(['!demo', 'no-password-login', '', 'scrypt$1000$8$1$c2FsdA$a2V5'])(
    'treats %j as a hash no password opens',
    (stored) => {
      expect(isVerifiableHash(stored)).toBe(false);
    },
  );
});
