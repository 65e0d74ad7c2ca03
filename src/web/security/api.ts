import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** Issue 13: my two-step sign-in, and the trust's sign-in security (trust admins). */
const contract = () => import('../../contracts/security.ts');

export const securityKeys = {
  mine: () => ['security', 'mine'] as const,
  trust: () => ['security', 'trust'] as const,
  providers: () => ['security', 'providers'] as const,
};

export const useMyMfa = () =>
  useQuery({
    queryKey: securityKeys.mine(),
    queryFn: () => api('/api/me/mfa', { schema: () => contract().then((c) => c.mfaStatusSchema) }),
  });

export const startMfa = () =>
  api('/api/me/mfa/start', {
    method: 'POST',
    schema: () => contract().then((c) => c.mfaEnrolmentSchema),
  });

export const confirmMfa = (code: string) =>
  api('/api/me/mfa/confirm', {
    method: 'POST',
    body: { code },
    schema: () => contract().then((c) => c.recoveryCodesSchema),
  });

/**
 * What shows it is you, from one field: six digits are tried as a code from the app first,
 * then as the password; anything else is the password.
 */
const proofOf = (answer: string) =>
  /^\d{6}$/.test(answer.trim()) ? { code: answer.trim(), password: answer } : { password: answer };

export const turnOffMfa = (answer: string) =>
  api('/api/me/mfa/turn-off', {
    method: 'POST',
    body: proofOf(answer),
    schema: () => contract().then((c) => c.mfaStatusSchema),
  });

export const newRecoveryCodes = (answer: string) =>
  api('/api/me/mfa/recovery-codes', {
    method: 'POST',
    body: proofOf(answer),
    schema: () => contract().then((c) => c.recoveryCodesSchema),
  });

export const useTrustSecurity = () =>
  useQuery({
    queryKey: securityKeys.trust(),
    queryFn: () =>
      api('/api/trust/security', {
        schema: () => contract().then((c) => c.securitySettingsSchema),
      }),
  });

export const saveTrustSecurity = (mfaRequiredForLeaders: boolean) =>
  api('/api/trust/security', {
    method: 'PUT',
    body: { mfaRequiredForLeaders },
    schema: () => contract().then((c) => c.securitySettingsSchema),
  });

export const resetMfa = (personId: string) =>
  api(`/api/people/${personId}/mfa/reset`, {
    method: 'POST',
    schema: () => contract().then((c) => c.securitySettingsSchema),
  });

export const useProviders = () =>
  useQuery({
    queryKey: securityKeys.providers(),
    queryFn: () =>
      api('/api/trust/sso-providers', {
        schema: () => contract().then((c) => c.ssoProvidersSchema),
      }),
  });

export type ProviderInput = {
  displayName: string;
  kind: 'entra' | 'google' | 'oidc';
  issuerUrl: string;
  clientId: string;
  allowedDomains: string[];
  clientSecret?: string;
  newClientSecret?: string;
};

export const saveProvider = (id: string | null, body: ProviderInput) =>
  api(id ? `/api/trust/sso-providers/${id}` : '/api/trust/sso-providers', {
    method: id ? 'PUT' : 'POST',
    body,
    schema: () => contract().then((c) => c.ssoProviderSchema),
  });

export const removeProvider = (id: string) =>
  api(`/api/trust/sso-providers/${id}`, { method: 'DELETE' });
