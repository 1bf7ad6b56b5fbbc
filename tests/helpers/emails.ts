import { randomBytes } from 'node:crypto';

let counter = 0;
const runId = randomBytes(3).toString('hex');

/** A fresh address on every call, so no two sign-ups in a test run ever collide. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix.toLowerCase()}-${runId}-${counter}@example.test`;
}
