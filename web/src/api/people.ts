import type { z } from 'zod';
import type {
  PersonView,
  demographicsSchema,
  listPeopleQuerySchema,
  personListSchema,
  teamListSchema,
} from '../../../src/shared/schemas/people.ts';
import { apiRequest } from './client.ts';

export type Person = PersonView;
export type PersonList = z.infer<typeof personListSchema>;
/** The directory query as the server reads it; limit and offset have server defaults. */
export type PeopleQuery = Partial<z.output<typeof listPeopleQuerySchema>>;
export type Demographics = z.infer<typeof demographicsSchema>;
export type TeamList = z.infer<typeof teamListSchema>;

/** Searches the directory; `private` appears on each person only where I may see it. */
export function listPeople(query: PeopleQuery, signal?: AbortSignal): Promise<PersonList> {
  return apiRequest<PersonList>('GET', '/api/people', { query: { ...query }, signal });
}

export function getPerson(id: number, signal?: AbortSignal): Promise<Person> {
  return apiRequest<Person>('GET', `/api/people/${id}`, { signal });
}

/** HR partners in scope only: 404 for everyone else. */
export function getDemographics(id: number, signal?: AbortSignal): Promise<Demographics> {
  return apiRequest<Demographics>('GET', `/api/people/${id}/demographics`, { signal });
}

export function listTeams(signal?: AbortSignal): Promise<TeamList> {
  return apiRequest<TeamList>('GET', '/api/teams', { signal });
}
