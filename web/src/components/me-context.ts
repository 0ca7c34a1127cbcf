import { createContext, useContext } from 'react';
import type { Me } from '../api/session.ts';
import type { Role } from '../../../src/shared/schemas/common.ts';

export interface MeState {
  me: Me;
  /** Asks the server again (after a change that may alter my roles). */
  refreshMe: () => void;
}

export const MeContext = createContext<MeState | null>(null);

/** The signed-in account; only for components inside the app shell. */
export function useMe(): MeState {
  const state = useContext(MeContext);
  if (!state) throw new Error('useMe() used outside the app shell');
  return state;
}

export function hasRole(me: Me, role: Role): boolean {
  return me.roles.includes(role);
}
