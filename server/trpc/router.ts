import { accountRouter } from './routers/account.router';
import { activityRouter } from './routers/activity.router';
import { assessmentRouter } from './routers/assessment.router';
import { authRouter } from './routers/auth.router';
import { calendarRouter } from './routers/calendar.router';
import { coachRouter } from './routers/coach.router';
import { coupleRouter } from './routers/couple.router';
import { dashboardRouter } from './routers/dashboard.router';
import { demoRouter } from './routers/demo.router';
import { emailRouter } from './routers/email.router';
import { focusRouter } from './routers/focus.router';
import { measureRouter } from './routers/measure.router';
import { practiceRouter } from './routers/practice.router';
import { reflectionRouter } from './routers/reflection.router';
import { reminderRouter } from './routers/reminder.router';
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
  focus: focusRouter,
  reflection: reflectionRouter,
  account: accountRouter,
  activity: activityRouter,
  reminder: reminderRouter,
  calendar: calendarRouter,
  email: emailRouter,
  measure: measureRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
