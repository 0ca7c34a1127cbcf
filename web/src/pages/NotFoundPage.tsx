import { Link } from 'react-router-dom';
import { PageHeader } from '../components/PageHeader.tsx';

/** Any address the app does not know. */
export function NotFoundPage() {
  return (
    <div className="stack not-found">
      <PageHeader title="Page not found" tabTitle="Not found" lead="There is nothing at this address. It may have moved, or the link may be mistyped." />
      <p>
        <Link className="button" to="/">
          Back to your profile
        </Link>{' '}
        <Link className="button button--secondary" to="/people">
          Find a colleague
        </Link>
      </p>
    </div>
  );
}
