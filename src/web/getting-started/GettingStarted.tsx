import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useGettingStarted } from './api.ts';
import './getting-started.css';

/**
 * The getting-started checklist (issue 13), for a trust administrator's home page: each step
 * links to its page and ticks itself from the data; it stays until every step is done.
 */
export function GettingStarted() {
  const checklist = useGettingStarted();
  if (checklist.isPending) return <Loading what="the getting-started checklist" />;
  if (checklist.error) return <ErrorMessage error={checklist.error} />;
  const { steps, finished, singleSchool } = checklist.data;
  if (finished) return null;
  const done = steps.filter((s) => s.done).length;
  return (
    <section className="getting-started" aria-labelledby="getting-started-heading">
      <h2 id="getting-started-heading">Getting started</h2>
      <p>
        {done} of {steps.length} done. Work down the list to have your{' '}
        {singleSchool ? 'school' : 'schools'} ready for their first walks; each step ticks itself
        once it is done.
      </p>
      <ol className="getting-started-steps">
        {steps.map((step) => (
          <li key={step.key} className={step.done ? 'done' : undefined}>
            <span className="tick" aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            <span>
              <Link to={step.link}>{step.title}</Link>
              <span className="visually-hidden">{step.done ? ' (done)' : ' (to do)'}</span>
              <span className="muted step-detail">{step.detail}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
