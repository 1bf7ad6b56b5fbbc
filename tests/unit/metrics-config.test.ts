import { describe, expect, it } from 'vitest';
import { readEnv } from '#server/env';
import { procedureLabels } from '#server/observability/metrics-http';

describe('METRICS_TOKEN', () => {
  it('is off unless set, and must be at least 16 characters', () => {
    expect(readEnv({}).config.metricsToken).toBeNull();
    expect(readEnv({ METRICS_TOKEN: 'a'.repeat(16) }).config.metricsToken).toBe('a'.repeat(16));
    expect(() => readEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
    expect(() => readEnv({ METRICS_TOKEN: '' })).toThrow(/METRICS_TOKEN/);
  });
});

describe('the procedure label of a request', () => {
  it('is a procedure the router defines, once per procedure of a batch, or unknown', () => {
    expect(procedureLabels('/trpc/dashboard.get')).toEqual(['dashboard.get']);
    expect(procedureLabels('/trpc/auth.me,practice.list,auth.me')).toEqual(['auth.me', 'practice.list']);
    expect(procedureLabels('/trpc/auth.me,no.such')).toEqual(['auth.me', 'unknown']);
    expect(procedureLabels('/trpc/%E0%A4%A')).toEqual(['unknown']);
    expect(procedureLabels('/trpc/a/b')).toEqual(['unknown']);
  });

  it('is a fixed name outside /trpc, never the path (which may hold a token)', () => {
    expect(procedureLabels('/healthz')).toEqual(['healthz']);
    expect(procedureLabels('/readyz')).toEqual(['readyz']);
    expect(procedureLabels('/metrics')).toEqual(['metrics']);
    expect(procedureLabels('/calendar/3f9a0c-secret.ics')).toEqual(['calendar']);
    expect(procedureLabels('/email/unsubscribe/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG')).toEqual(['email']);
    expect(procedureLabels('/dashboard')).toEqual(['static']);
    expect(procedureLabels('/assets/index-abc.js')).toEqual(['static']);
    expect(procedureLabels('/anything/else?x=1')).toEqual(['static']);
  });
});
