import { FormError } from '#client/components/form-error';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpcClient } from '#client/trpc';
import { downloadFile, todayStamp } from '#client/lib/download';
import { ratingsCsv } from './ratings-csv';

/**
 * Both downloads read the export afresh and never keep it in the page's cache: it holds private notes, and a
 * stale copy would be a wrong copy.
 */
export function ExportData({ withRatings }: { withRatings: boolean }) {
  const json = useGuardedMutation({
    mutationFn: () => trpcClient.account.export.query(),
    onSuccess: (file) =>
      downloadFile(`tandem-export-${todayStamp()}.json`, JSON.stringify(file, null, 2), 'application/json'),
  });
  const csv = useGuardedMutation({
    mutationFn: () => trpcClient.account.export.query(),
    onSuccess: (file) => downloadFile(`tandem-ratings-${todayStamp()}.csv`, ratingsCsv(file), 'text/csv;charset=utf-8'),
  });

  return (
    <div>
      <h3>Download your data</h3>
      <p className="muted small">
        Everything you wrote in Tandem, in one file you can keep or bring to another Tandem server. Your partner's
        entries are theirs, so they are not in it.
      </p>
      <FormError error={json.error ?? csv.error} />
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            csv.reset();
            json.mutate();
          }}
          disabled={json.isPending}
        >
          {json.isPending ? 'Preparing…' : 'Download everything (JSON)'}
        </button>
        {withRatings && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              json.reset();
              csv.mutate();
            }}
            disabled={csv.isPending}
          >
            {csv.isPending ? 'Preparing…' : 'Download my ratings (CSV)'}
          </button>
        )}
      </div>
    </div>
  );
}
