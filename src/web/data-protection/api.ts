import { useQuery } from '@tanstack/react-query';
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
