import type { z } from 'zod';
import type {
  AccountView,
  accountListSchema,
  createAccountBodySchema,
  grantableRoleSchema,
  updateAccountBodySchema,
} from '../../../src/shared/schemas/accounts.ts';
import { apiRequest } from './client.ts';

export type Account = AccountView;
export type AccountList = z.infer<typeof accountListSchema>;
export type GrantableRole = z.infer<typeof grantableRoleSchema>;
export type CreateAccountBody = z.input<typeof createAccountBodySchema>;
export type UpdateAccountBody = z.input<typeof updateAccountBodySchema>;

export function listAccounts(signal?: AbortSignal): Promise<AccountList> {
  return apiRequest<AccountList>('GET', '/api/accounts', { signal });
}

export function createAccount(body: CreateAccountBody): Promise<Account> {
  return apiRequest<Account>('POST', '/api/accounts', { json: body });
}

/** Changes roles, HR scope, name, password or the disabled flag; disabling ends its sessions. */
export function updateAccount(id: number, body: UpdateAccountBody): Promise<Account> {
  return apiRequest<Account>('PATCH', `/api/accounts/${id}`, { json: body });
}
