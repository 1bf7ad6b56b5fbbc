import * as z from 'zod/mini';

// The free text people write, in one place: each live procedure and the import of an export use the same schema for
// the same kind of text, so a file can never hold what the app itself would refuse.

export const NOTE_MAX_LENGTH = 2000;
export const REFLECTION_MAX_LENGTH = 4000;
export const COACH_NOTE_MAX_LENGTH = 5000;
export const FOCUS_NOTE_MAX_LENGTH = 500;

/**
 * NUL and lone surrogates are not text. NUL cuts a string short in C code and in some database functions; a lone
 * surrogate is half of a character (of an emoji, say) and has no UTF-8 form, so it would come back changed from the
 * database or an export. Display names refuse them too, with more (see auth.schema.ts). Newlines and tabs stay.
 */
const NOT_TEXT = /[\0\p{Cs}]/u;

export function isText(value: string): boolean {
  return !NOT_TEXT.test(value);
}

const onlyText = () =>
  z.refine<string>(
    isText,
    'Remove the invisible control character or the broken symbol (half of an emoji, say) from the text.',
  );

/** A check-in's private note. Empty means no note: the service stores null. */
export const checkInNoteSchema = z
  .string()
  .check(z.trim(), z.maxLength(NOTE_MAX_LENGTH, `Keep the note to ${NOTE_MAX_LENGTH} characters.`), onlyText());

export const reflectionBodySchema = z
  .string('Write a few words first.')
  .check(
    z.trim(),
    z.minLength(1, 'Write a few words first.'),
    z.maxLength(REFLECTION_MAX_LENGTH, `Keep a reflection to ${REFLECTION_MAX_LENGTH} characters.`),
    onlyText(),
  );

export const coachNoteBodySchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Write something first.'),
    z.maxLength(COACH_NOTE_MAX_LENGTH, `A note holds at most ${COACH_NOTE_MAX_LENGTH} characters.`),
    onlyText(),
  );

/** The note a coach gives with an assigned focus. Empty means no note: the service stores null. */
export const focusNoteSchema = z
  .string()
  .check(
    z.trim(),
    z.maxLength(FOCUS_NOTE_MAX_LENGTH, `Keep the note to ${FOCUS_NOTE_MAX_LENGTH} characters.`),
    onlyText(),
  );
