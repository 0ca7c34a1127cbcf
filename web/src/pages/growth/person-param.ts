import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../components/me-context.ts';

/** Whose page this is: `?person=` (a manager looking at a report) or the reader themselves. */
export function usePersonParam(): { personId: number | null; isMe: boolean } {
  const { me } = useMe();
  const [params] = useSearchParams();
  const asked = Number(params.get('person'));
  const personId = Number.isInteger(asked) && asked > 0 ? asked : me.personId;
  return { personId, isMe: personId !== null && personId === me.personId };
}

/** This quarter, as the server names it ('2026-Q4'). */
export function currentQuarter(now = new Date()): string {
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

export const todayIso = () => new Date().toISOString().slice(0, 10);
