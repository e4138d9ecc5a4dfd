export const SCOPES = [
  'sessions:read',
  'sessions:write',
  'tasks:read',
  'tasks:write',
  'approvals:read',
  'approvals:decide',
  'audit:read',
  'audit:write',
  'admin',
] as const;

export type Scope = (typeof SCOPES)[number];
