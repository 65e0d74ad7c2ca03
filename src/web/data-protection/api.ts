import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RetentionSettingsBody } from '../../contracts/data-protection.ts';
import { api } from '../lib/api.ts';

/** Issue 17: retention, subject access, the trust's export and deletion, the audit log. */
const contract = () => import('../../contracts/data-protection.ts');

export const dataProtectionKeys = {
  retention: () => ['data-protection', 'retention'] as const,
};

export const useRetention = () =>
  useQuery({
    queryKey: dataProtectionKeys.retention(),
    queryFn: () =>
      api('/api/trust/retention', { schema: () => contract().then((c) => c.retentionSchema) }),
  });

export const saveRetention = (body: RetentionSettingsBody) =>
  api('/api/trust/retention', {
    method: 'PUT',
    body,
    schema: () => contract().then((c) => c.retentionSchema),
  });

export type AuditFilters = {
  person: string;
  action: string;
  from: string;
  to: string;
  school: string;
};

/** The query string of the audit log's filters (empty ones left out). */
export function auditSearch(f: AuditFilters, page: number, pageSize: number) {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  for (const [k, v] of Object.entries(f)) if (v) params.set(k, v);
  return params.toString();
}

export const useAuditLog = (f: AuditFilters, page: number, pageSize: number) =>
  useQuery({
    queryKey: ['data-protection', 'audit', f, page, pageSize] as const,
    queryFn: () =>
      api(`/api/trust/audit?${auditSearch(f, page, pageSize)}`, {
        schema: () => contract().then((c) => c.auditPageSchema),
      }),
    placeholderData: keepPreviousData,
  });

export const useRecordReaders = () =>
  useQuery({
    queryKey: ['data-protection', 'record-readers'] as const,
    queryFn: () =>
      api('/api/me/record-readers', {
        schema: () => contract().then((c) => c.recordReadersSchema),
      }),
  });
