import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FormError } from '#client/components/form-error';
import { trpc } from '#client/trpc';
import { downloadFile } from '#client/lib/download';
import { coupleRatingsCsv } from './ratings-csv';

/** Builds the file in the browser from what the coach may already read, then hands it to the browser to save. */
export function CsvDownload({ coupleId, fileName }: { coupleId: string; fileName: string }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const history = await queryClient.fetchQuery(trpc.assessment.history.queryOptions({ coupleId }));
      downloadFile(fileName, coupleRatingsCsv(history), 'text/csv;charset=utf-8');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => void download()} disabled={busy}>
        {busy ? 'Preparing…' : 'Download ratings (CSV)'}
      </button>
      <FormError error={error} />
    </>
  );
}
