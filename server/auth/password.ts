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
/**
 * Hashes one owner (an account, or the email a login or sign-up names) may have running or waiting at once. A person
 * needs one at a time; a second covers two tabs. Anything more is someone trying to hold the line.
 */
export const MAX_HASHES_PER_OWNER = 2;
const inFlightByOwner = new Map<string, number>();

export class HashingBusyError extends Error {
  constructor() {
    super('Too many sign-ins are being checked right now.');
  }
}

function scryptOptions(cost: ScryptCost): ScryptOptions {
  return { ...cost, maxmem: 256 * cost.N * cost.r };
}

function derive(password: string, salt: Buffer, cost: ScryptCost, owner: string | undefined): Promise<Buffer> {
  if (hashingSlots.pendingCount >= MAX_WAITING_HASHES) return Promise.reject(new HashingBusyError());
  const held = owner === undefined ? 0 : (inFlightByOwner.get(owner) ?? 0);
  if (held >= MAX_HASHES_PER_OWNER) return Promise.reject(new HashingBusyError());
  if (owner !== undefined) inFlightByOwner.set(owner, held + 1);
  const release = () => {
    if (owner === undefined) return;
    const left = (inFlightByOwner.get(owner) ?? 1) - 1;
    if (left > 0) inFlightByOwner.set(owner, left);
    else inFlightByOwner.delete(owner);
  };
  const work = hashingSlots(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, scryptOptions(cost), (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
  return work.finally(release);
}

/** `scrypt$N$r$p$salt$key`: the cost travels with the hash, so raising it later keeps old hashes verifiable. */
function format(cost: ScryptCost, salt: Buffer, key: Buffer): string {
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * A hash no password opens, checked against when a login names no account (or one no password opens), so that login
 * costs the same as any other. Checking a password derives a key at the cost and salt the stored string names, then
 * compares it with the stored key: the work is the same whatever that key is. So the key is random bytes rather than
 * the scrypt of a random password, equally out of anyone's reach, and the server does not spend a whole scrypt on the
 * event loop at every start (620 ms on this machine, in each process). Made before the server listens, with nothing
 * to await: there is no promise to fail and be remembered failed.
 */
export function makeDecoyHash(cost: ScryptCost): string {
  return format(cost, randomBytes(SALT_LENGTH), randomBytes(KEY_LENGTH));
}

/**
 * `owner` is whose turn in the hashing line this is (see MAX_HASHES_PER_OWNER); scripts and tests that hash outside
 * any request may leave it out.
 */
export async function hashPassword(
  password: string,
  cost: ScryptCost = OWASP_SCRYPT_COST,
  owner?: string,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  return format(cost, salt, await derive(password, salt, cost, owner));
}

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key || rest.length > 0) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  // A damaged hash must fail like a wrong password, never throw or ask for gigabytes of memory.
  if (!isSaneCost(cost)) return null;
  return { cost, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/** False for hashes no password can match (a demo account's marker, a damaged row): checking them costs nothing. */
export function isVerifiableHash(stored: string): boolean {
  return parseHash(stored) !== null;
}

export async function verifyPassword(password: string, stored: string, owner?: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.cost, owner);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

function isSaneCost({ N, r, p }: ScryptCost): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  return (
    powerOfTwo && N <= 2 ** 20 && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16
  );
}
