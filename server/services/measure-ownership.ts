import { Invalid, NotFound } from '#server/errors';

// The refusals the measure services share, worded once: another coach's measure reads exactly like one that does not
// exist, so an id cannot be probed.

export const noSuchMeasure = () => new NotFound('That measure is not among yours. Reload to see your measures.');

export const archivedMeasure = () =>
  new Invalid('This measure is archived: it cannot be changed or assigned. Create a new measure instead.');
