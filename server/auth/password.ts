import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import pLimit from 'p-limit';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommended scrypt cost (Password Storage Cheat Sheet): N=2^17, r=8, p=1, about 128 MiB. */
export const OWASP_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/**
 * At most two hashes at a time: each takes ~128 MiB and a libuv worker thread for a few hundred milliseconds, and
 * the other workers must stay free for file reads, or a burst of logins would stall every page.
 */
const hashingSlots = pLimit(2);
/** Beyond this many waiting, a login would wait many seconds: better to say "busy" at once. */
const MAX_WAITING_HASHES = 16;

export class HashingBusyError extends Error {
  constructor() {
    super('Too many sign-ins are being checked right now.');
  }
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  if (hashingSlots.pendingCount >= MAX_WAITING_HASHES) return Promise.reject(new HashingBusyError());
  return hashingSlots(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

/** `scrypt$N$r$p$salt$key`: the cost travels with the hash, so raising it later keeps old hashes verifiable. */
export async function hashPassword(password: string, cost: ScryptCost = OWASP_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  // A damaged hash must fail like a wrong password, never throw or ask for gigabytes of memory.
  if (!isSaneCost(cost)) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function isSaneCost({ N, r, p }: ScryptCost): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  return powerOfTwo && N <= 2 ** 20 && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16;
}
