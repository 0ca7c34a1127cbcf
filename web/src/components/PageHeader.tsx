import type { ReactNode } from 'react';
import { usePageTitle } from './page-title.ts';

/** The page's h1 (which also becomes the tab title), an optional lead and actions. */
export function PageHeader({ title, lead, actions, tabTitle }: { title: string; lead?: ReactNode; actions?: ReactNode; tabTitle?: string }) {
  usePageTitle(tabTitle ?? title);
  return (
    <div className="page-header">
      <div className="page-header__text">
        <h1 className="page-header__title">{title}</h1>
        {lead ? <p className="page-header__lead">{lead}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
