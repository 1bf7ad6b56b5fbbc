import { useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { FormError } from '#client/components/form-error';
import { trpc } from '#client/trpc';
import { downloadFile } from '#client/lib/download';
import { coupleRatingsCsv } from './ratings-csv';

/**
 * A button that builds a CSV file in the browser from what the coach may already read, then hands it to the browser
 * to save. Disabled while the file is being prepared; a failed read shows its error beside it.
 */
export function CsvDownloadButton({
  label,
  fileName,
  build,
}: {
  label: string;
  fileName: string;
  build: (queryClient: QueryClient) => Promise<string>;
}) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      downloadFile(fileName, await build(queryClient), 'text/csv;charset=utf-8');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => void download()} disabled={busy}>
        {busy ? 'Preparing…' : label}
      </button>
      <FormError error={error} />
    </>
  );
}

/** The couple's ratings, week by week. */
export function CsvDownload({ coupleId, fileName }: { coupleId: string; fileName: string }) {
  return (
    <CsvDownloadButton
      label="Download ratings (CSV)"
      fileName={fileName}
      build={async (queryClient) =>
        coupleRatingsCsv(await queryClient.fetchQuery(trpc.assessment.history.queryOptions({ coupleId })))
      }
    />
  );
}
