import type { ReactNode } from 'react';

interface ConflictPanelProps {
  mine: ReactNode;
  theirs: ReactNode;
  onKeepMine: () => void;
  onUseSaved: () => void;
}

/**
 * Two versions side by side after a save from another tab or device: the writer keeps theirs
 * (saving it over the newer one) or takes the saved one. Nothing changes until they choose, and
 * they may copy from one into the other first.
 */
export function ConflictPanel({ mine, theirs, onKeepMine, onUseSaved }: ConflictPanelProps) {
  return (
    <section className="conflict notice notice--warning" aria-labelledby="conflict-title" data-testid="conflict">
      <h2 className="notice__title" id="conflict-title">
        This draft was saved somewhere else too
      </h2>
      <p>
        Another tab or device saved a newer version while you were writing. Nothing is lost: compare the two, copy anything you need, then
        choose which one to keep. Autosave is paused until you do.
      </p>
      <div className="conflict__columns">
        <div className="conflict__column">
          <h3 className="conflict__heading">Your text (on this screen)</h3>
          <div className="conflict__text">{mine}</div>
          <button type="button" className="button" onClick={onKeepMine}>
            Keep my text
          </button>
        </div>
        <div className="conflict__column">
          <h3 className="conflict__heading">The saved version</h3>
          <div className="conflict__text">{theirs}</div>
          <button type="button" className="button button--secondary" onClick={onUseSaved}>
            Use the saved version
          </button>
        </div>
      </div>
    </section>
  );
}
