import { endMyOtherSessions, endMySession, listMySessions, type MySessions } from '../../api/session.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A browser's user agent as a person would name it: the browser and the system, roughly. */
function deviceOf(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//u.test(userAgent) ? 'Edge' : /Firefox\//u.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//u.test(userAgent) ? 'Chrome' : /Safari\//u.test(userAgent) ? 'Safari' : 'A browser';
  const system = /Android/u.test(userAgent) ? 'Android' : /iPhone|iPad/u.test(userAgent) ? 'iOS' : /Mac OS X/u.test(userAgent) ? 'macOS' : /Windows/u.test(userAgent) ? 'Windows' : /Linux/u.test(userAgent) ? 'Linux' : null;
  return system ? `${browser} on ${system}` : browser;
}

/** "Where you're signed in": each live session, and a way to end any but this one, or all others. */
export function SessionsCard() {
  const sessions = useResource((signal) => listMySessions(signal), 'my-sessions');
  const action = useAction();
  const list: MySessions['sessions'] = sessions.data?.sessions ?? [];
  const others = list.filter((s) => !s.current);
  return (
    <section className="card" aria-labelledby="my-sessions" data-testid="my-sessions">
      <h2 className="card__title" id="my-sessions">
        Where you’re signed in
      </h2>
      {sessions.status === 'error' ? <ProblemMessage problem={sessions.problem} /> : null}
      {!sessions.data && sessions.status === 'loading' ? <Loading /> : null}
      <ul className="report-list">
        {list.map((s) => (
          <li key={s.handle} className="report-list__item">
            <span>
              <strong>{deviceOf(s.userAgent)}</strong>
              {s.current ? ' · this browser' : ''}
              <span className="muted small">
                {' '}
                · {s.ip ?? 'address unknown'} · last active {when(s.lastSeenAt)} · signed in {when(s.createdAt)}
              </span>
            </span>
            {s.current ? null : (
              <button type="button" className="button button--ghost button--small" disabled={action.busy} onClick={() =>
                  action.run(async () => {
                    await endMySession(s.handle);
                    sessions.reload();
                    return 'That session has ended.';
                  })
                }>
                End session<span className="visually-hidden">: {deviceOf(s.userAgent)}, last active {when(s.lastSeenAt)}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <ActionOutcome action={action} />
      {others.length > 1 ? (
        <div className="form__actions">
          <button type="button" className="button button--secondary" disabled={action.busy} onClick={() =>
              action.run(async () => {
                const { ended } = await endMyOtherSessions();
                sessions.reload();
                return `${ended} other sessions ended.`;
              })
            }>
            End every other session
          </button>
        </div>
      ) : null}
    </section>
  );
}
