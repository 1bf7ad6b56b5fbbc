import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FormError } from '#client/components/form-error';
import { downloadFile } from '#client/lib/download';
import { trpc } from '#client/trpc';
import { coupleMeasuresCsv } from './measure-csv';

/** The couple's measure answers as a file, built in the browser from what the coach may already read. */
export function MeasureCsvDownload({ coupleId, fileName }: { coupleId: string; fileName: string }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const assignments = await queryClient.fetchQuery(trpc.measure.assignments.queryOptions({ coupleId }));
      const results = await Promise.all(
        assignments.map((a) =>
          queryClient.fetchQuery(trpc.measure.results.queryOptions({ coupleId, assignmentId: a.assignmentId })),
        ),
      );
      downloadFile(fileName, coupleMeasuresCsv(results), 'text/csv;charset=utf-8');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => void download()} disabled={busy}>
        {busy ? 'Preparing…' : 'Download measures (CSV)'}
      </button>
      <FormError error={error} />
    </>
  );
}
