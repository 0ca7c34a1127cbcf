import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isApiError, setUnauthenticatedHandler, type Problem } from '../api/client.ts';
import { getMe, signOut } from '../api/session.ts';
import { useResource } from '../api/use-resource.ts';
import { MeContext, type MeState } from './me-context.ts';
import { navGroupsFor } from './nav-items.ts';
import { Loading } from './Loading.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { ProblemMessage } from './ProblemMessage.tsx';
import { ReauthenticationPrompt } from './ReauthenticateDialog.tsx';
import { usePageTitle } from './page-title.ts';

/**
 * Every signed-in page: loads the account (401 sends you to sign-in), then shows the header
 * with the navigation your roles allow, and the page.
 */
export function AppShell() {
  const navigate = useNavigate();
  const location = useLocation();
  const meResource = useResource((signal) => getMe(signal), 'me');

  // Any later 401 (the session expired or was ended elsewhere) also goes to sign-in.
  useEffect(() => {
    setUnauthenticatedHandler(() => navigate('/sign-in', { replace: true, state: { expired: true } }));
    return () => setUnauthenticatedHandler(null);
  }, [navigate]);

  const me = meResource.data;
  const state = useMemo<MeState | null>(() => (me ? { me, refreshMe: meResource.reload } : null), [me, meResource.reload]);

  if (meResource.status === 'error' && isApiError(meResource.error, 401)) {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  }
  if (!state) {
    return meResource.status === 'error' ? <ShellError problem={meResource.problem} onRetry={meResource.reload} /> : <ShellLoading />;
  }
  return (
    <MeContext.Provider value={state}>
      <SkipLink />
      <Header me={state.me} />
      <div className="shell">
        <Navigation me={state.me} />
        <Main pathname={location.pathname} />
      </div>
      <ReauthenticationPrompt email={state.me.email} />
      <footer className="footer">
        <p>Highbar · Engineering performance management</p>
      </footer>
    </MeContext.Provider>
  );
}

function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}

function Header({ me }: { me: MeState['me'] }) {
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // Already signed out on the server (or unreachable): either way, leave.
    }
    navigate('/sign-in', { replace: true, state: { signedOut: true } });
  }

  return (
    <header className="topbar">
      <div className="topbar__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            H
          </span>
          <span className="brand__name">Highbar</span>
        </Link>
        <div className="topbar__user">
          <NotificationBell />
          <span className="topbar__name" data-testid="current-user">
            {me.name}
          </span>
          <button type="button" className="button button--ghost button--small" onClick={handleSignOut} disabled={signingOut}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}

/**
 * The sections this account's roles allow, grouped (you, your team, the organisation,
 * administration) so that an HR partner's or an admin's twenty links stay readable: a column
 * beside the page on wide screens, a strip that scrolls sideways on a phone.
 */
function Navigation({ me }: { me: MeState['me'] }) {
  return (
    <nav className="nav" aria-label="Main">
      {navGroupsFor(me).map(({ group, items }) => (
        <div className="nav__group" key={group} role="group" aria-labelledby={`nav-group-${group}`}>
          <p className="nav__group-label" id={`nav-group-${group}`}>
            {group}
          </p>
          <ul className="nav__list">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} className={({ isActive }) => (isActive ? 'nav__link nav__link--active' : 'nav__link')}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/** The page area; focus moves here on navigation so screen readers start at the new page. */
function Main({ pathname }: { pathname: string }) {
  const ref = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <main id="main" className="main" tabIndex={-1} ref={ref}>
      {/* Pages loaded on first use (the Reviews pages) show a spinner meanwhile. */}
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </main>
  );
}

function ShellLoading() {
  usePageTitle('');
  return (
    <div className="fullpage">
      <Loading label="Loading Highbar…" />
    </div>
  );
}

function ShellError({ problem, onRetry }: { problem: Problem; onRetry: () => void }) {
  usePageTitle('Cannot load');
  return (
    <main className="fullpage">
      <div className="card card--narrow">
        <h1 className="card__title">Highbar could not load</h1>
        <div aria-live="polite">
          <ProblemMessage problem={problem} />
        </div>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </main>
  );
}
