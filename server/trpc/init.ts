import { initTRPC, TRPCError } from '@trpc/server';
import * as z from 'zod/mini';
import { $ZodError, flattenError } from 'zod/v4/core';
import { en } from 'zod/v4/locales';
import { idSchema } from '#shared/schemas/common.schema';
import { DomainError } from '#server/errors';
import { resolveCoupleAccess } from '#server/services/access.service';
import { logCoachRead } from '#server/services/coach-reads.service';
import type { Context } from './context';

// zod's mini build ships without messages; load the English ones for the checks that have no message of ours.
z.config(en());

const t = initTRPC.context<Context>().create({
  // Stacks stay on the server whatever NODE_ENV says: they describe our internals to anyone who asks.
  isDev: false,
  errorFormatter({ shape, error }) {
    // $ZodError is the base of every zod error, whichever build (classic or mini) threw it.
    const zodError = error.cause instanceof $ZodError ? error.cause : null;
    if (zodError) {
      return {
        ...shape,
        message: describeZodError(zodError),
        data: { ...shape.data, fieldErrors: flattenError(zodError).fieldErrors },
      };
    }
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      return { ...shape, message: 'Something went wrong on our side. Please try again in a moment.' };
    }
    return shape;
  },
});

function describeZodError(error: $ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request was not valid.';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return `${where}${first.message}`;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The one place a service's refusal becomes a tRPC code, and so an HTTP status. */
const CODE_OF_KIND: Record<DomainError['kind'], TRPCError['code']> = {
  invalid: 'BAD_REQUEST',
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  'not-found': 'NOT_FOUND',
  conflict: 'CONFLICT',
  'too-large': 'PAYLOAD_TOO_LARGE',
  'too-many': 'TOO_MANY_REQUESTS',
};

/**
 * Outermost on every procedure: a DomainError thrown anywhere below (a service, an access rule, a limit) reaches the
 * client with its kind's code and its own message. It stays the TRPCError's cause, so `responseMeta` can read a
 * TooMany's wait. Anything else is left as tRPC made it: a 500 whose details stay on the server.
 */
const domainErrorsMapped = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: CODE_OF_KIND[cause.kind], message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(domainErrorsMapped);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.caller || !ctx.session.id) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please log in to continue.' });
  }
  return next({ ctx: { caller: ctx.caller, session: { ...ctx.session, id: ctx.session.id } } });
});

export const partnerProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.caller.role !== 'partner') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only partners can do this; coaches have their own workspace.' });
  }
  return next();
});

export const coachProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.caller.role !== 'coach') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only coaches can do this.' });
  }
  return next();
});

const coupleRefSchema = z.optional(z.object({ coupleId: z.optional(idSchema) }));

/**
 * Reads a couple's data: `{coupleId?}` in the input names it. A partner reaches their own couple (or only
 * themselves before they pair); a coach reaches a couple only with its consent. The procedure's own input schema
 * still validates the whole input afterwards.
 */
export const coupleReadProcedure = authedProcedure.use(async ({ ctx, getRawInput, next, path }) => {
  const parsed = coupleRefSchema.safeParse(await getRawInput());
  if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', message: 'coupleId: must be an id string.' });
  const access = await resolveCoupleAccess(ctx.deps.db, ctx.caller, parsed.data?.coupleId, ctx.callerPartners);
  const result = await next({ ctx: { access } });
  // The couple sees when a coach looked; only reads that answered count, so a refused call changes nothing.
  if (result.ok && access.viewerRole === 'coach' && access.coupleId)
    await logCoachRead(ctx.deps, ctx.caller, access.coupleId, path);
  return result;
});

const coachCoupleRefSchema = z.object({ coupleId: idSchema });

/**
 * A coach's own work about one couple (focus, notes): the caller must be a coach with the couple's live consent.
 * Not logged as a read of the couple's data: these touch only what the coach wrote.
 */
export const coachCoupleProcedure = coachProcedure.use(async ({ ctx, getRawInput, next }) => {
  const parsed = coachCoupleRefSchema.safeParse(await getRawInput());
  if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', message: 'coupleId: a coach must name the couple.' });
  const access = await resolveCoupleAccess(ctx.deps.db, ctx.caller, parsed.data.coupleId, ctx.callerPartners);
  return next({ ctx: { access } });
});
