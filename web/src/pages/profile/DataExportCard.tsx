import { exportPersonData } from '../../api/privacy.ts';
import { useAction } from '../../api/use-action.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';

/** Hands the browser a JSON document to save, under the given file name. */
function saveJson(document: unknown, fileName: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
  const link = Object.assign(window.document.createElement('a'), { href: url, download: fileName });
  link.click();
  // After the click has handed the file over; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * "Download my data": everything Highbar holds about me, as I may read it (docs/security.md,
 * Privacy). `onBehalf`: an HR partner in scope produces the same file on the person's request.
 */
export function DataExportCard({ personId, onBehalf = false }: { personId: number; onBehalf?: boolean }) {
  const action = useAction();
  return (
    <section className="card" aria-labelledby="my-data">
      <h2 className="card__title" id="my-data">
        {onBehalf ? 'Data export on request' : 'My data'}
      </h2>
      <p className="muted small">
        {onBehalf
          ? 'The file this person would download themselves: produce it only on their request, and hand it to them. It is recorded in the audit log.'
          : 'One JSON file with your profile, reviews, feedback you received (without who wrote it) and wrote, ratings as delivered to you, goals, check-ins and everything else Highbar holds about you. The download is recorded in the audit log.'}
      </p>
      <ActionOutcome action={action} />
      <div className="form__actions">
        <button
          type="button"
          className="button"
          data-testid="download-my-data"
          disabled={action.busy}
          onClick={() =>
            action.run(async () => {
              saveJson(await exportPersonData(personId), `highbar-person-${personId}.json`);
              return onBehalf ? 'The export has been downloaded.' : 'Your data has been downloaded.';
            })
          }
        >
          {action.busy ? 'Preparing…' : onBehalf ? 'Download their data' : 'Download my data'}
        </button>
      </div>
    </section>
  );
}
