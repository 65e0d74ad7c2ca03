import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Role } from '../../domain/people/roles.ts';
import { roleLabels } from '../../domain/people/roles.ts';
import { invite } from '../mail/api.ts';
import { staffKeys } from '../staff/api.ts';
import { ErrorMessage } from '../ui/Status.tsx';

const schoolRoles: Role[] = ['teacher', 'observer', 'school_leader', 'site_manager'];

/** "Invite someone": mails a single-use sign-in link and adds the chosen roles at this school. */
export function InviteForm({ schoolId, schoolName }: { schoolId: string; schoolName: string }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await invite({
        fullName: String(form.get('invite-name') ?? ''),
        email: String(form.get('invite-email') ?? ''),
        schoolId,
        roles: form.getAll('invite-role').map(String),
      });
      setDone(
        `${result.person.fullName} has been invited to ${schoolName}. ` +
          (result.mail.delivery === 'smtp'
            ? 'The email is on its way.'
            : 'No mail server is set up: its sign-in link is shown only on the server’s console, for whoever runs this trial install to pass on. The outbox records that it was sent.'),
      );
      formElement.reset();
      await queryClient.invalidateQueries({ queryKey: staffKeys.school(schoolId) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="invite">
      <h2 id="invite">Invite someone</h2>
      <form onSubmit={submit} noValidate>
        <label htmlFor="invite-name">Name</label>
        <input id="invite-name" name="invite-name" autoComplete="off" required maxLength={200} />
        <label htmlFor="invite-email">Email address</label>
        <input
          id="invite-email"
          name="invite-email"
          type="email"
          autoComplete="off"
          required
          inputMode="email"
        />
        <fieldset>
          <legend>Roles at {schoolName}</legend>
          {schoolRoles.map((role) => (
            <label key={role} className="checkbox">
              <input
                type="checkbox"
                name="invite-role"
                value={role}
                defaultChecked={role === 'teacher'}
              />{' '}
              {roleLabels[role]}
            </label>
          ))}
        </fieldset>
        <div role="status" aria-live="polite">
          {done ? <p>{done}</p> : null}
        </div>
        {error ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Inviting…' : 'Send invitation'}
        </button>
      </form>
    </section>
  );
}
