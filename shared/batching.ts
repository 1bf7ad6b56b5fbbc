// Which calls may share a request. The server refuses what breaks these rules and the client's links follow them,
// both reading the lists below, so the two cannot drift apart.

/** Procedures that create accounts, sessions or demo data, or try invite codes or reset links: the ones worth guessing at. */
const GUESSABLE_PROCEDURES = [
  'auth.signup',
  'auth.login',
  'demo.start',
  'couple.join',
  // Tries a coach code, as couple.join tries an invite code.
  'coach.accept',
  'auth.resetPassword',
  // Sends an email to whoever owns the address given: counted like a guess, so one address cannot fill inboxes.
  'auth.requestPasswordReset',
  // Tries a confirmation link.
  'email.confirm',
];

/** Every procedure that checks a password; each costs a slow hash, and must be counted one by one. */
const PASSWORD_CHECKING_PROCEDURES = ['auth.login', 'auth.changePassword', 'account.changeEmail', 'account.delete'];

/** Each must be the only call of its request: a batch would count as one attempt and hash many passwords at once. */
export const GUARDED_PROCEDURES: ReadonlySet<string> = new Set([
  ...GUESSABLE_PROCEDURES,
  ...PASSWORD_CHECKING_PROCEDURES,
]);

/** The one procedure whose body may be larger than a batch may be, which it may only be alone. */
export const LARGE_BODY_PROCEDURE = 'account.import';

/** What the client sends in a request of its own. */
export const UNBATCHED_PROCEDURES: ReadonlySet<string> = new Set([...GUARDED_PROCEDURES, LARGE_BODY_PROCEDURE]);

/** The most calls one batch may hold; the server refuses a larger one. */
export const MAX_BATCH_SIZE = 10;
