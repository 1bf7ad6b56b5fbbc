import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: the value of the session cookie. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of a secret: a leaked table cannot be replayed as cookies or codes. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 20 characters of base32 = 100 random bits, shown in groups of four: `7K3M-Q9XD-…`. */
export function newInviteCode(): string {
  const bytes = randomBytes(20);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return code.match(/.{4}/g)!.join('-');
}

/** Accepts what a person types: any case, spaces or dashes, and the letters people mistake for digits. */
export function normalizeInviteCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
