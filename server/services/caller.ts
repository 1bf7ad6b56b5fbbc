import type { UserDto } from '#shared/schemas/auth.schema';
import type { PersonRow } from '#server/repositories/users.repository';

/**
 * Who is asking, as every service receives them: the person behind the session, camelCase, with their couple and
 * without the password hash. An HTTP request, a script or a test hands the same value to the same functions.
 */
export type Caller = PersonRow;

export function toUserDto(person: PersonRow): UserDto {
  return {
    id: person.id,
    email: person.email,
    displayName: person.displayName,
    role: person.role,
    coupleId: person.coupleId ?? null,
    isDemo: person.isDemo === 1,
  };
}
