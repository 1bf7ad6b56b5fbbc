import { describe, expect, it } from 'vitest';
import { PRACTICE_IDS } from '#shared/practices';
import { historyInputSchema, submitAssessmentInputSchema } from '#shared/schemas/assessment.schema';
import {
  exportedAssessmentSchema,
  exportedCoachFocusSchema,
  exportedCoachNoteSchema,
  exportedReflectionSchema,
  isIsoTime,
} from '#shared/schemas/account-export.schema';
import { loginInputSchema, signupInputSchema } from '#shared/schemas/auth.schema';
import {
  addCoachNoteInputSchema,
  assignFocusInputSchema,
  updateCoachNoteInputSchema,
} from '#shared/schemas/coach.schema';
import { joinCoupleInputSchema } from '#shared/schemas/couple.schema';
import { saveReflectionInputSchema } from '#shared/schemas/reflection.schema';
import {
  checkInNoteSchema,
  coachNoteBodySchema,
  focusNoteSchema,
  reflectionBodySchema,
} from '#shared/schemas/text.schema';
import { ratingsOf } from '../helpers/ratings';

const signup = { email: 'sam@example.com', password: 'a'.repeat(10), displayName: 'Sam', role: 'partner' };
const submit = { week: '2026-W48', ratings: ratingsOf(7), note: 'A good week.' };

describe('signupInputSchema', () => {
  it('accepts a valid partner and coach', () => {
    expect(signupInputSchema.parse(signup)).toEqual(signup);
    expect(signupInputSchema.parse({ ...signup, role: 'coach' }).role).toBe('coach');
  });

  it.each([
    ['  Sam@Example.COM ', 'sam@example.com'],
    ['MIXED.Case+tag@Example.Org', 'mixed.case+tag@example.org'],
  ])('normalises the email %j to %j', (email, expected) => {
    expect(signupInputSchema.parse({ ...signup, email }).email).toBe(expected);
    expect(loginInputSchema.parse({ email, password: 'x' }).email).toBe(expected);
  });

  it.each([
    ['password of 9 characters', { password: 'a'.repeat(9) }],
    ['password of 201 characters', { password: 'a'.repeat(201) }],
    ['empty display name', { displayName: '' }],
    ['blank display name', { displayName: '   ' }],
    ['display name of 61 characters', { displayName: 'x'.repeat(61) }],
    ['display name with a right-to-left override', { displayName: 'Sam\u202Eyelb' }],
    ['display name of zero-width spaces only', { displayName: '\u200B\u200B' }],
    ['display name with a control character', { displayName: 'Sam\u0007' }],
    ['display name with a lone surrogate', { displayName: 'Sam\uD800' }],
    ['display name of punctuation only', { displayName: '...' }],
    ['email without @', { email: 'sam.example.com' }],
    ['empty email', { email: '' }],
    ['email too long', { email: `${'a'.repeat(250)}@example.com` }],
    ['unknown role', { role: 'admin' }],
    ['missing role', { role: undefined }],
    ['number as password', { password: 1234567890 }],
    ['unknown key', { isAdmin: true }],
  ])('refuses a %s', (_label, change) => {
    expect(signupInputSchema.safeParse({ ...signup, ...change }).success).toBe(false);
  });

  it.each([
    ['password of exactly 10 characters', { password: 'a'.repeat(10) }, 'password', 'a'.repeat(10)],
    ['password of 200 characters', { password: 'p'.repeat(200) }, 'password', 'p'.repeat(200)],
    ['display name of 60 characters', { displayName: 'x'.repeat(60) }, 'displayName', 'x'.repeat(60)],
    ['display name with spaces around it', { displayName: '  Sam Lee  ' }, 'displayName', 'Sam Lee'],
    [
      'display name with a zero-width non-joiner (Persian)',
      { displayName: 'می\u200Cخواهم' },
      'displayName',
      'می\u200Cخواهم',
    ],
    ['display name with an emoji', { displayName: 'Sam 🌱' }, 'displayName', 'Sam 🌱'],
    ['61 characters that trim to 59', { displayName: ` ${'x'.repeat(59)} ` }, 'displayName', 'x'.repeat(59)],
  ])('accepts a %s', (_label, change, field, expected) => {
    const parsed = signupInputSchema.parse({ ...signup, ...change });
    expect(parsed[field as keyof typeof parsed]).toBe(expected);
  });
});

describe('loginInputSchema', () => {
  it('does not apply the sign-up length rule to the password', () => {
    expect(loginInputSchema.safeParse({ email: 'a@b.co', password: 'short' }).success).toBe(true);
  });

  it.each([
    ['empty password', { email: 'a@b.co', password: '' }],
    ['unknown key', { email: 'a@b.co', password: 'x', remember: true }],
    ['missing email', { password: 'x' }],
    ['bad email', { email: 'nope', password: 'x' }],
  ])('refuses an %s', (_label, input) => {
    expect(loginInputSchema.safeParse(input).success).toBe(false);
  });
});

describe('submitAssessmentInputSchema', () => {
  it('accepts ten whole ratings from 1 to 10 with or without a note', () => {
    expect(submitAssessmentInputSchema.parse(submit)).toEqual(submit);
    expect(submitAssessmentInputSchema.safeParse({ ...submit, note: undefined }).success).toBe(true);
    expect(submitAssessmentInputSchema.safeParse({ ...submit, note: null }).success).toBe(true);
    expect(submitAssessmentInputSchema.safeParse({ ...submit, ratings: ratingsOf(1) }).success).toBe(true);
    expect(submitAssessmentInputSchema.safeParse({ ...submit, ratings: ratingsOf(10) }).success).toBe(true);
  });

  it.each([0, 11, 5.5, -1, '5', null, Number.NaN, Number.POSITIVE_INFINITY, true])(
    'refuses a rating of %j',
    (rating) => {
      const ratings = { ...ratingsOf(5), trust: rating };
      const result = submitAssessmentInputSchema.safeParse({ ...submit, ratings });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['ratings', 'trust']);
    },
  );

  it.each(PRACTICE_IDS)('refuses ratings without %s', (id) => {
    const ratings: Record<string, number> = { ...ratingsOf(5) };
    delete ratings[id];
    expect(submitAssessmentInputSchema.safeParse({ ...submit, ratings }).success).toBe(false);
  });

  it.each([
    ['unknown practice key', { ratings: { ...ratingsOf(5), honesty: 5 } }],
    ['unknown top-level key', { mood: 'great' }],
    ['ratings as an array', { ratings: Object.values(ratingsOf(5)) }],
    ['missing ratings', { ratings: undefined }],
    ['note of 2001 characters', { note: 'n'.repeat(2001) }],
    ['note that is a number', { note: 42 }],
    ['missing week', { week: undefined }],
    ['week 2026-W00', { week: '2026-W00' }],
    ['week 2025-W53', { week: '2025-W53' }],
    ['week 2026-W1', { week: '2026-W1' }],
    ['week 2026W48', { week: '2026W48' }],
    ['week abcd-W10', { week: 'abcd-W10' }],
    ['very long week', { week: `2026-W48${' '.repeat(10_000)}` }],
    ['week as a date', { week: '2026-11-25' }],
  ])('refuses an input with %s', (_label, change) => {
    expect(submitAssessmentInputSchema.safeParse({ ...submit, ...change }).success).toBe(false);
  });

  it('accepts a note of exactly 2000 characters', () => {
    const note = 'n'.repeat(2000);
    expect(submitAssessmentInputSchema.parse({ ...submit, note }).note).toBe(note);
  });
});

describe('historyInputSchema', () => {
  it.each([
    ['nothing', undefined],
    ['an empty object', {}],
    ['a range', { fromWeek: '2025-W50', toWeek: '2026-W02' }],
    ['a one-week range', { fromWeek: '2026-W10', toWeek: '2026-W10' }],
    ['only fromWeek', { fromWeek: '2026-W10' }],
    ['a coupleId', { coupleId: 'c-1' }],
  ])('accepts %s', (_label, input) => {
    expect(historyInputSchema.safeParse(input).success).toBe(true);
  });

  it.each([
    ['fromWeek after toWeek', { fromWeek: '2026-W02', toWeek: '2025-W50' }],
    ['fromWeek after toWeek across a 53-week year', { fromWeek: '2027-W01', toWeek: '2026-W53' }],
    ['a bad week', { toWeek: '2026-W54' }],
    ['an unknown key', { since: '2026-W01' }],
    ['an empty coupleId', { coupleId: '' }],
    ['a coupleId of 65 characters', { coupleId: 'c'.repeat(65) }],
    ['a numeric coupleId', { coupleId: 7 }],
  ])('refuses %s', (_label, input) => {
    expect(historyInputSchema.safeParse(input).success).toBe(false);
  });
});

describe('joinCoupleInputSchema', () => {
  it.each([
    ['', false],
    ['   ', false],
    ['x'.repeat(65), false],
    [' abcd-efgh ', true],
  ])('inviteCode %j valid: %s', (inviteCode, ok) => {
    expect(joinCoupleInputSchema.safeParse({ inviteCode }).success).toBe(ok);
  });
});

describe('free text: check-in notes, reflections, coach notes and focus notes', () => {
  const texts = [
    ['checkInNoteSchema', checkInNoteSchema],
    ['reflectionBodySchema', reflectionBodySchema],
    ['coachNoteBodySchema', coachNoteBodySchema],
    ['focusNoteSchema', focusNoteSchema],
  ] as const;
  const notText = [
    ['a NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\uD83D'],
    ['a lone low surrogate', '\uDE00b'],
    ['a reversed surrogate pair', '\uDE00\uD83D'],
  ] as const;
  const cases = texts.flatMap(([name, schema]) => notText.map(([what, text]) => [name, what, schema, text] as const));

  it.each(cases)('%s refuses %s', (_name, _what, schema, text) => {
    const result = schema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/broken symbol/);
  });

  it.each(texts)('%s keeps newlines, tabs, other control-free scripts and whole emoji, trimmed', (_name, schema) => {
    const text = 'Line one\n\tcafé 👩‍❤️‍👨 שלום \u200D';
    expect(schema.parse(`  ${text}  `)).toBe(text);
  });

  it('are the very schemas of both the live procedures and the export, so a file can hold nothing the app refuses', () => {
    type Wrapped = { _zod: { def: object } };
    /** What an optional or nullable schema wraps. */
    const inner = (schema: Wrapped) => (schema._zod.def as { innerType: Wrapped }).innerType;
    expect(inner(inner(submitAssessmentInputSchema.shape.note))).toBe(checkInNoteSchema);
    expect(inner(exportedAssessmentSchema.shape.note)).toBe(checkInNoteSchema);
    expect(saveReflectionInputSchema.shape.body).toBe(reflectionBodySchema);
    expect(exportedReflectionSchema.shape.body).toBe(reflectionBodySchema);
    expect(exportedReflectionSchema.shape.visibility).toBe(inner(saveReflectionInputSchema.shape.visibility));
    expect(addCoachNoteInputSchema.shape.body).toBe(coachNoteBodySchema);
    expect(updateCoachNoteInputSchema.shape.body).toBe(coachNoteBodySchema);
    expect(exportedCoachNoteSchema.shape.body).toBe(coachNoteBodySchema);
    expect(inner(inner(assignFocusInputSchema.shape.note))).toBe(focusNoteSchema);
    expect(inner(exportedCoachFocusSchema.shape.note)).toBe(focusNoteSchema);
  });
});

describe('times in an export', () => {
  it.each(['2026-11-25T12:00:00.000Z', '2026-11-25T12:00:00Z', '2024-02-29T23:59:59.9Z', '1970-01-01T00:00:00.000Z'])(
    'accepts %s',
    (time) => {
      expect(isIsoTime(time)).toBe(true);
    },
  );

  it.each([
    ['a February 30th, which Date.parse rolls over to March', '2026-02-30T10:00:00.000Z'],
    ['a February 29th in a year without one', '2026-02-29T10:00:00.000Z'],
    ['an April 31st', '2026-04-31T10:00:00.000Z'],
    ['the 24th hour', '2026-11-25T24:00:00.000Z'],
    ['a 60th minute', '2026-11-25T12:60:00.000Z'],
    ['a leap second', '2026-12-31T23:59:60.000Z'],
    ['a month 13', '2026-13-01T00:00:00.000Z'],
    ['a time zone other than Z', '2026-11-25T12:00:00.000+01:00'],
    ['a date alone', '2026-11-25'],
    ['words', 'yesterday'],
  ])('refuses %s', (_label, time) => {
    expect(isIsoTime(time)).toBe(false);
  });
});
