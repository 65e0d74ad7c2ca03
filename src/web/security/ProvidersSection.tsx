import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type SsoProvider, ssoKindLabels, ssoKinds } from '../../contracts/security.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import {
  type ProviderInput,
  removeProvider,
  saveProvider,
  securityKeys,
  useProviders,
} from './api.ts';

/** Single sign-on providers (issue 13): the client secret is stored encrypted and never shown again. */
export function ProvidersSection() {
  const providers = useProviders();
  const [editing, setEditing] = useState<SsoProvider | 'new' | null>(null);
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: securityKeys.providers() });

  if (providers.isPending) return <Loading what="the single sign-on providers" />;
  if (providers.error) return <ErrorMessage error={providers.error} />;

  return (
    <div>
      <h2>Single sign-on</h2>
      <p>
        People sign in with their school account when their email’s domain is one you list. Only
        people already in Learning Walks can sign in: nobody is added by signing in.
      </p>
      {providers.data.providers.length === 0 ? <p>No provider is set up.</p> : null}
      <ul>
        {providers.data.providers.map((p) => (
          <li key={p.id}>
            <strong>{p.displayName}</strong> ({ssoKindLabels[p.kind]}), for{' '}
            {p.allowedDomains.join(', ')}. Register this redirect address with the provider:{' '}
            <code>{p.redirectUri}</code>{' '}
            <button type="button" className="button secondary" onClick={() => setEditing(p)}>
              Change<span className="visually-hidden"> {p.displayName}</span>
            </button>{' '}
            <button
              type="button"
              className="button secondary"
              onClick={async () => {
                setError(null);
                try {
                  await removeProvider(p.id);
                  await refresh();
                } catch (e) {
                  setError(e);
                }
              }}
            >
              Remove<span className="visually-hidden"> {p.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      {error ? <ErrorMessage error={error} /> : null}
      {editing ? (
        <ProviderForm
          provider={editing === 'new' ? null : editing}
          onDone={async () => {
            setEditing(null);
            await refresh();
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          Add a provider
        </button>
      )}
    </div>
  );
}

function ProviderForm({ provider, onDone }: { provider: SsoProvider | null; onDone(): void }) {
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const secret = text('provider-secret');
    const body: ProviderInput = {
      displayName: text('provider-name'),
      kind: text('provider-kind') as ProviderInput['kind'],
      issuerUrl: text('provider-issuer'),
      clientId: text('provider-client'),
      allowedDomains: text('provider-domains')
        .split(/[\s,]+/)
        .filter(Boolean),
      ...(provider ? (secret ? { newClientSecret: secret } : {}) : { clientSecret: secret }),
    };
    setError(null);
    try {
      await saveProvider(provider?.id ?? null, body);
      onDone();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="provider-form">
      <h3 id="provider-form">{provider ? `Change ${provider.displayName}` : 'Add a provider'}</h3>
      <label htmlFor="provider-name">Name people will see</label>
      <input
        id="provider-name"
        name="provider-name"
        defaultValue={provider?.displayName}
        required
      />
      <label htmlFor="provider-kind">Kind</label>
      <select id="provider-kind" name="provider-kind" defaultValue={provider?.kind ?? 'entra'}>
        {ssoKinds.map((k) => (
          <option key={k} value={k}>
            {ssoKindLabels[k]}
          </option>
        ))}
      </select>
      <label htmlFor="provider-issuer">Issuer URL</label>
      <input
        id="provider-issuer"
        name="provider-issuer"
        type="url"
        defaultValue={provider?.issuerUrl}
        placeholder="https://login.microsoftonline.com/<tenant id>/v2.0"
        required
      />
      <label htmlFor="provider-client">Client (application) id</label>
      <input
        id="provider-client"
        name="provider-client"
        defaultValue={provider?.clientId}
        required
      />
      <label htmlFor="provider-secret">
        {provider ? 'Replace the client secret (leave empty to keep it)' : 'Client secret'}
      </label>
      <input id="provider-secret" name="provider-secret" type="password" autoComplete="off" />
      <label htmlFor="provider-domains">Email domains it signs in (comma or space between)</label>
      <input
        id="provider-domains"
        name="provider-domains"
        defaultValue={provider?.allowedDomains.join(', ')}
        placeholder="oakschool.org.uk"
        required
      />
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="button">
        Save provider
      </button>
    </form>
  );
}
