import { z } from 'zod';
import type { TenantRow } from '../../db/schema.js';
import { noPageWithCursor, pageOf, paginationFields } from '../../http/pagination.js';
import { iso, isoOrNull, Timestamp } from '../../http/schemas.js';

export const TenantId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must match ^[a-z0-9][a-z0-9_-]{0,62}$')
  .describe('Tenant id: lowercase letters, digits, _ and -, up to 63 characters.');

export const TenantSettings = z
  .strictObject({
    session_retention_days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('Overrides SESSION_RETENTION_DAYS.'),
    approval_ttl_seconds: z
      .number()
      .int()
      .min(1)
      .max(365 * 86_400)
      .optional()
      .describe('Overrides APPROVAL_TTL_SECONDS.'),
    task_lease_seconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .optional()
      .describe('Overrides TASK_LEASE_SECONDS.'),
  })
  .meta({ id: 'TenantSettings' });

const SettingsPatch = z
  .strictObject({
    session_retention_days: TenantSettings.shape.session_retention_days.unwrap().nullable().optional(),
    approval_ttl_seconds: TenantSettings.shape.approval_ttl_seconds.unwrap().nullable().optional(),
    task_lease_seconds: TenantSettings.shape.task_lease_seconds.unwrap().nullable().optional(),
  })
  .describe('Merged into the settings; a setting set to null returns to the server default.');

export const TenantDto = z
  .object({
    id: TenantId,
    name: z.string(),
    settings: TenantSettings,
    disabled: z.boolean(),
    disabled_at: Timestamp.nullable(),
    version: z.number().int(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({
    id: 'Tenant',
    examples: [
      {
        id: 'acme',
        name: 'Acme Corp',
        settings: { session_retention_days: 30 },
        disabled: false,
        disabled_at: null,
        version: 1,
        created_at: '2026-11-23T12:00:00.000Z',
        updated_at: '2026-11-23T12:00:00.000Z',
      },
    ],
  });

export const toTenantDto = (t: TenantRow): z.infer<typeof TenantDto> => ({
  id: t.id,
  name: t.name,
  settings: t.settings,
  disabled: t.disabledAt !== null,
  disabled_at: isoOrNull(t.disabledAt),
  version: t.version,
  created_at: iso(t.createdAt),
  updated_at: iso(t.updatedAt),
});

const Name = z.string().trim().min(1).max(200);

export const CreateTenantBody = z
  .strictObject({ id: TenantId, name: Name, settings: TenantSettings.optional() })
  .meta({
    id: 'CreateTenant',
    examples: [{ id: 'acme', name: 'Acme Corp', settings: { session_retention_days: 30 } }],
  });

export const PatchTenantBody = z
  .strictObject({
    name: Name.optional(),
    settings: SettingsPatch.optional(),
    disabled: z.boolean().optional().describe("A disabled tenant's requests get 403 tenant_disabled."),
  })
  .meta({ id: 'UpdateTenant', examples: [{ settings: { session_retention_days: 14 } }, { disabled: true }] });

export const TenantParams = z.object({ id: TenantId });

export const ListTenantsQuery = z.object({ ...paginationFields }).superRefine(noPageWithCursor);

export const TenantPage = pageOf(TenantDto).meta({ id: 'TenantPage' });
