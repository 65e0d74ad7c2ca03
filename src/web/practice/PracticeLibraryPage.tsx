import '../responses/after.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import type { ConsentInput, PracticeExample } from '../../contracts/practice.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { answerExample, practiceKeys, useMyPracticeRequests, usePracticeLibrary } from './api.ts';

/**
 * /schools/:schoolId/practice-library — short examples of what works, from debriefs, published
 * with the visited teacher's agreement and named only if they chose to be; searchable by
 * look-for. A teacher answers here the examples from their own lessons.
 */
export function PracticeLibraryPage() {
  const { schoolId = '' } = useParams();
  const [typed, setTyped] = useState('');
  const [lookFor, setLookFor] = useState('');
  const library = usePracticeLibrary(schoolId, lookFor);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setLookFor(typed.trim());
  };
  return (
    <>
      <h1>Practice library</h1>
      <p className="lede">
        Short examples of what works, from learning walks’ debriefs. An example is published only
        when the teacher whose lesson it comes from agrees, and carries their name only if they
        chose that.
      </p>
      <MyRequests />
      <form onSubmit={search} aria-label="Search the practice library">
        <label htmlFor="practice-look-for">Look-for</label>
        <input
          id="practice-look-for"
          value={typed}
          maxLength={200}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="button secondary">
          Search
        </button>
      </form>
      {library.isPending ? <Loading what="the practice library" /> : null}
      {library.error ? <ErrorMessage error={library.error} /> : null}
      {library.data?.examples.length === 0 ? (
        <p>{lookFor ? `No examples for “${lookFor}”.` : 'No examples published yet.'}</p>
      ) : null}
      <ul className="cards">
        {library.data?.examples.map((e) => (
          <li key={e.id} className="card">
            <Example e={e} />
          </li>
        ))}
      </ul>
    </>
  );
}

function Example({ e }: { e: PracticeExample }) {
  return (
    <>
      <h2>{e.title}</h2>
      <p className="muted">Look-for: {e.lookFor}</p>
      <p>{e.body}</p>
      <p className="muted">
        {e.schoolName}
        {e.teacherName ? `, in ${e.teacherName}’s lesson` : ''}
        {e.scope === 'trust' ? ' · shared with the trust' : ''}
      </p>
    </>
  );
}

function MyRequests() {
  const requests = useMyPracticeRequests();
  const client = useQueryClient();
  const answer = useMutation({
    mutationFn: ({ id, body }: { id: string; body: ConsentInput }) => answerExample(id, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: practiceKeys.requests });
      await client.invalidateQueries({ queryKey: ['practice-library'] });
    },
  });
  if (!requests.data || requests.data.examples.length === 0) return null;
  return (
    <section aria-labelledby="practice-requests">
      <h2 id="practice-requests">Examples from your lessons</h2>
      <p>
        A colleague would like to share these. Nothing is published unless you agree, and your name
        is shown only if you choose.
      </p>
      {answer.error ? <ErrorMessage error={answer.error} /> : null}
      <ul className="cards">
        {requests.data.examples.map((e) => (
          <li key={e.id} className="card">
            <Example e={e} />
            <div className="walk-actions">
              <button
                type="button"
                className="button"
                onClick={() => answer.mutate({ id: e.id, body: { agree: true, named: false } })}
              >
                Publish without my name
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={() => answer.mutate({ id: e.id, body: { agree: true, named: true } })}
              >
                Publish with my name
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={() => answer.mutate({ id: e.id, body: { agree: false, named: false } })}
              >
                Do not publish
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
