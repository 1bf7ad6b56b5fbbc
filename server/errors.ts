/**
 * What a service says when it refuses: in words meant for the person, with a kind any transport can translate.
 * Services, auth rules and scripts throw these and know nothing of HTTP or tRPC; `server/trpc/init.ts` maps each kind
 * to its tRPC code (and so its HTTP status) in one place. Anything else a service throws is a fault of ours (500).
 */
export abstract class DomainError extends Error {
  abstract readonly kind:
    'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'too-many';

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request asks for something that cannot be (a week not started, a file that does not check out): 400. */
export class Invalid extends DomainError {
  readonly kind = 'invalid';
}

/** The credentials given do not name anyone: 401. */
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated';
}

/** The caller is known but may not do this: 403. */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}

/** What the request names is not there, or not there for this caller: 404. */
export class NotFound extends DomainError {
  readonly kind = 'not-found';
}

/** The request is fine but the state of things refuses it (already paired, a code already used): 409. */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** Keeping this would pass a storage limit: 413. */
export class TooLarge extends DomainError {
  readonly kind = 'too-large';
}

/** Too many tries, or the server is busy: 429, with when to come back. */
export class TooMany extends DomainError {
  readonly kind = 'too-many';
  /** Whole seconds, at least one: what `Retry-After` says. */
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
