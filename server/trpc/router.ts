import { assessmentRouter } from './routers/assessment.router';
import { authRouter } from './routers/auth.router';
import { coachRouter } from './routers/coach.router';
import { coupleRouter } from './routers/couple.router';
import { dashboardRouter } from './routers/dashboard.router';
import { demoRouter } from './routers/demo.router';
import { practiceRouter } from './routers/practice.router';
import { suggestionRouter } from './routers/suggestion.router';
import { createCallerFactory, router } from './init';

export const appRouter = router({
  auth: authRouter,
  practice: practiceRouter,
  couple: coupleRouter,
  coach: coachRouter,
  assessment: assessmentRouter,
  dashboard: dashboardRouter,
  demo: demoRouter,
  suggestion: suggestionRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
