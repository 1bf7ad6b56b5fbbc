import type { RequestHandler } from 'express';

/**
 * Starts API requests one per turn of the event loop, in the order they arrived.
 *
 * better-sqlite3 does a request's database work synchronously, so a turn of the event loop lasts as long as the work of
 * every request that became ready in it. libuv accepts at most one new connection per turn. Without this, when many
 * connections arrive at once (the first minute after a restart behind a load balancer), each turn runs the work of
 * every connection accepted so far and accepts one more: the N-th connection waits for about N² / 2 requests' worth
 * of work before its first byte is read. Starting one request per turn keeps every turn short, so new connections
 * are accepted as fast as requests are answered, and waiting requests queue here, first come first served, instead
 * of in the kernel's listen queue. The measurements are in docs/decisions.md.
 *
 * Only the start is paced: a request that then waits for the network (PostgreSQL, a password hash) lets the next one
 * start in the next turn, so nothing is serialized beyond what SQLite already serializes.
 */
export function oneStartPerTurn(): RequestHandler {
  const waiting: (() => void)[] = [];
  let scheduled = false;

  function startNext() {
    scheduled = false;
    const start = waiting.shift();
    // An immediate scheduled from inside an immediate runs in the next turn: that is what spaces the starts.
    if (waiting.length > 0) schedule();
    start?.();
  }

  function schedule() {
    scheduled = true;
    setImmediate(startNext);
  }

  return (req, _res, next) => {
    // Someone who gave up while waiting (a timeout under heavy load) costs no work: nobody is there to answer.
    waiting.push(() => {
      if (!req.socket.destroyed) next();
    });
    if (!scheduled) schedule();
  };
}
