import { CsvDownloadButton } from '#client/features/coach/csv-download';
import { trpc } from '#client/trpc';
import { coupleMeasuresCsv } from './measure-csv';

/** The couple's measure answers as a file, built in the browser from what the coach may already read. */
export function MeasureCsvDownload({ coupleId, fileName }: { coupleId: string; fileName: string }) {
  return (
    <CsvDownloadButton
      label="Download measures (CSV)"
      fileName={fileName}
      build={async (queryClient) => {
        const assignments = await queryClient.fetchQuery(trpc.measure.assignments.queryOptions({ coupleId }));
        const results = await Promise.all(
          assignments.map((a) =>
            queryClient.fetchQuery(trpc.measure.results.queryOptions({ coupleId, assignmentId: a.assignmentId })),
          ),
        );
        return coupleMeasuresCsv(results);
      }}
    />
  );
}
