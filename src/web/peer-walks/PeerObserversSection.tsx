import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PeerObservers } from '../../contracts/peer-walks.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { addPeerObserver, peerKeys, removePeerObserver, usePeerObservers } from './api.ts';

/**
 * The school's page, for its leaders (issue 15): the teachers the school chose as peer
 * observers. Leaders and observers observe already; a teacher is named on a walk only once
 * they are on this list.
 */
export function PeerObserversSection({ schoolId }: { schoolId: string }) {
  const queryClient = useQueryClient();
  const list = usePeerObservers(schoolId);
  const [personId, setPersonId] = useState('');
  const set = (data: PeerObservers) => queryClient.setQueryData(peerKeys.observers(schoolId), data);
  const add = useMutation({
    mutationFn: () => addPeerObserver(schoolId, personId),
    onSuccess: (data) => {
      set(data);
      setPersonId('');
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => removePeerObserver(schoolId, id),
    onSuccess: set,
  });
  return (
    <section aria-labelledby="peer-observers">
      <h2 id="peer-observers">Peer observers</h2>
      <p>
        Teachers who may observe learning walks, chosen by the school. Observing colleagues’ lessons
        is a chance to compare approaches and reflect on your own practice. Leaders and observers do
        not need adding.
      </p>
      {list.isPending ? <Loading what="peer observers" /> : null}
      {list.error ? <ErrorMessage error={list.error} /> : null}
      {list.data ? (
        <>
          {list.data.peerObservers.length === 0 ? (
            <p>No teacher has been chosen yet.</p>
          ) : (
            <ul className="staff">
              {list.data.peerObservers.map((p) => (
                <li key={p.id}>
                  {p.fullName}{' '}
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => remove.mutate(p.id)}
                    disabled={remove.isPending}
                    aria-label={`Remove ${p.fullName} from the peer observers`}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (personId) add.mutate();
            }}
          >
            <label htmlFor="peer-observer-choice">Add a teacher</label>
            <select
              id="peer-observer-choice"
              value={personId}
              onChange={(e) => setPersonId(e.target.value)}
            >
              <option value="">Choose a member of staff</option>
              {list.data.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.fullName}
                </option>
              ))}
            </select>
            <button type="submit" className="button" disabled={!personId || add.isPending}>
              Add as a peer observer
            </button>
          </form>
          <p className="muted">
            Taking someone off the list stops them being named on new walks; walks already planned
            keep them until a leader changes that walk’s observers.
          </p>
          {add.error ? <ErrorMessage error={add.error} /> : null}
          {remove.error ? <ErrorMessage error={remove.error} /> : null}
        </>
      ) : null}
    </section>
  );
}
