import { describe, expect, it } from 'vitest';
import { hashSecret, newInviteCode, newSessionToken, normalizeInviteCode } from '#server/auth/secrets';

// Crockford's base32: the digits and the letters without I, L, O and U.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

describe('newInviteCode', () => {
  const codes = Array.from({ length: 2000 }, () => newInviteCode());

  it('is five groups of four base32 characters', () => {
    for (const code of codes) expect(code).toMatch(CODE_FORMAT);
  });

  it('carries at least 80 random bits: 20 characters over all 32 letters', () => {
    const letters = codes.map((code) => code.replace(/-/g, ''));
    expect(letters.every((l) => l.length === 20)).toBe(true);
    const used = new Set(letters.join(''));
    expect([...used].sort().join('')).toBe(ALPHABET);
    expect(20 * Math.log2(used.size)).toBeGreaterThanOrEqual(80);
  });

  it('uses every position: no character is fixed', () => {
    for (let position = 0; position < 24; position += 1) {
      if (position % 5 === 4) continue; // the dashes
      expect(new Set(codes.map((c) => c[position])).size, `position ${position}`).toBeGreaterThan(16);
    }
  });

  it('does not repeat over many codes', () => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is already normal: normalising a fresh code only drops the dashes', () => {
    for (const code of codes.slice(0, 50)) expect(normalizeInviteCode(code)).toBe(code.replace(/-/g, ''));
  });
});

describe('normalizeInviteCode', () => {
  const code = 'K7M3-Q9XD-0A1B-ZZ2T-HJ4P';
  const canonical = 'K7M3Q9XD0A1BZZ2THJ4P';

  it.each([
    ['as issued', code],
    ['in lower case', code.toLowerCase()],
    ['with spaces instead of dashes', code.replace(/-/g, ' ')],
    ['without dashes', canonical],
    ['with spaces around it and inside groups', `  k7m3 q9xd-0a1b zz2t hj4p `],
    ['with O for zero', 'K7M3-Q9XD-OA1B-ZZ2T-HJ4P'],
    ['with o for zero', 'k7m3-q9xd-oa1b-zz2t-hj4p'],
    ['with I for one', 'K7M3-Q9XD-0AIB-ZZ2T-HJ4P'],
    ['with L for one', 'K7M3-Q9XD-0ALB-ZZ2T-HJ4P'],
    ['with l for one', 'k7m3-q9xd-0alb-zz2t-hj4p'],
    ['with a tab and a newline', 'K7M3\tQ9XD\n0A1B-ZZ2T-HJ4P'],
  ])('reads the code %s', (_label, typed) => {
    expect(normalizeInviteCode(typed)).toBe(canonical);
    expect(hashSecret(normalizeInviteCode(typed))).toBe(hashSecret(canonical));
  });

  it.each([
    ['a different character', 'K7M3-Q9XD-0A1B-ZZ2T-HJ4Q'],
    ['a missing character', 'K7M3-Q9XD-0A1B-ZZ2T-HJ4'],
  ])('keeps %s distinct', (_label, typed) => {
    expect(normalizeInviteCode(typed)).not.toBe(canonical);
  });
});

describe('session tokens and secret hashes', () => {
  it('makes 256-bit URL-safe tokens that do not repeat', () => {
    const tokens = Array.from({ length: 500 }, () => newSessionToken());
    for (const token of tokens) expect(token).toMatch(/^[\w-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('hashes deterministically, never returning the secret itself', () => {
    const token = newSessionToken();
    expect(hashSecret(token)).toBe(hashSecret(token));
    expect(hashSecret(token)).not.toBe(token);
    expect(hashSecret(token)).not.toBe(hashSecret(newSessionToken()));
  });
});
