import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useOrganisationWords } from '../lib/words.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { resetMfa, saveTrustSecurity, securityKeys, useTrustSecurity } from './api.ts';
import { ProvidersSection } from './ProvidersSection.tsx';

/** The trust's sign-in security (issue 13, trust admins): MFA for leaders, resets, single sign-on. */
export function TrustSecurityPage() {
  const settings = useTrustSecurity();
  const words = useOrganisationWords();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState('');

  async function run(action: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: securityKeys.trust() });
      setSaid(done);
    } catch (e) {
      setError(e);
    }
  }

  if (settings.isPending) return <Loading what="the sign-in settings" />;
  if (settings.error) return <ErrorMessage error={settings.error} />;
  const s = settings.data;

  return (
    <section aria-labelledby="trust-security">
      <h1 id="trust-security">Sign-in security</h1>
      <h2>Two-step sign-in</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={s.mfaRequiredForLeaders}
          onChange={(e) =>
            run(
              () => saveTrustSecurity(e.target.checked),
              e.target.checked
                ? 'Two-step sign-in is now required of admins and leaders.'
                : 'Two-step sign-in is no longer required.',
            )
          }
        />{' '}
        Require two-step sign-in of{' '}
        {words.noun === 'school'
          ? 'administrators, senior leaders and school leaders'
          : 'trust admins, trust leaders and school leaders'}{' '}
        (those without it are asked to turn it on when they next sign in, and can do nothing else
        until they have; single sign-on counts as two-step when your provider asks for it)
      </label>
      <h3>People with two-step sign-in on</h3>
      {s.mfaPeople.length === 0 ? (
        <p>Nobody yet.</p>
      ) : (
        <ul>
          {s.mfaPeople.map((p) => (
            <li key={p.personId}>
              {p.fullName}{' '}
              <button
                type="button"
                className="button secondary"
                onClick={() =>
                  run(
                    () => resetMfa(p.personId),
                    `Two-step sign-in was reset for ${p.fullName}: they sign in with their password and set it up again.`,
                  )
                }
              >
                Reset (lost device)<span className="visually-hidden"> for {p.fullName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div role="status" aria-live="polite">
        {said ? <p>{said}</p> : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      <ProvidersSection />
    </section>
  );
}
