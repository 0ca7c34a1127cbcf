import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { signIn } from '../../api/session.ts';
import { useAction } from '../../api/use-action.ts';
import { Field } from '../../components/Field.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { usePageTitle } from '../../components/page-title.ts';

/** Email and password; on success, the profile page. */
export function SignInPage() {
  usePageTitle('Sign in');
  const navigate = useNavigate();
  const location = useLocation();
  const arrival = (location.state ?? {}) as { expired?: boolean; signedOut?: boolean };
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, problem, run } = useAction();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const signedIn = await run(
      async () => {
        await signIn({ email: email.trim(), password });
        navigate('/', { replace: true });
      },
      { staysBusy: true },
    );
    if (!signedIn) setPassword('');
  }

  return (
    <main className="signin" id="main">
      <div className="signin__panel">
        <div className="signin__brand">
          <span className="brand__mark brand__mark--large" aria-hidden="true">
            H
          </span>
          <span className="signin__product">Highbar</span>
        </div>
        <div className="card signin__card">
          <h1 className="card__title">Sign in</h1>
          <p className="muted">Use the email address and password your administrator gave you.</p>
          <LiveRegion>
            {problem ? <ProblemMessage problem={problem} /> : null}
            {!problem && arrival.expired ? <p className="notice notice--info">Your session has ended. Sign in again to continue.</p> : null}
            {!problem && arrival.signedOut ? <p className="notice notice--info">You have signed out.</p> : null}
          </LiveRegion>
          <form className="form" onSubmit={handleSubmit} aria-label="Sign in">
            <Field
              label="Email"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <Field
              label="Password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <SubmitButton busy={busy} busyLabel="Signing in…" className="button button--block">
              Sign in
            </SubmitButton>
          </form>
        </div>
        <p className="signin__footnote">Engineering performance management</p>
      </div>
    </main>
  );
}
