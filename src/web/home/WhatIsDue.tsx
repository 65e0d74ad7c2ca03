import { Link } from 'react-router';
import type { DueItemDto, HomeDue } from '../../contracts/home.ts';
import { useOrganisationWords } from '../lib/words.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useDue } from './api.ts';

/**
 * The home page's "what's due" (issue 21): one section per part the person plays, each item a
 * link to where it is done. The trust's picture is aggregates only.
 */
export function WhatIsDue() {
  const due = useDue();
  if (due.isPending) return <Loading what="what is due" />;
  if (due.error) return <ErrorMessage error={due.error} />;
  return (
    <>
      {due.data.picture ? <Picture picture={due.data.picture} /> : null}
      {due.data.sections.map((s, i) => (
        <section key={`${s.part}-${s.heading}`} aria-labelledby={`due-${i}`} className="due">
          <h2 id={`due-${i}`}>{s.heading}</h2>
          {s.items.length === 0 ? (
            <p className="muted">{s.emptyText}</p>
          ) : (
            <ul className="due-list">
              {s.items.map((item) => (
                <DueEntry key={`${item.kind}-${item.link}-${item.title}`} item={item} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

function DueEntry({ item }: { item: DueItemDto }) {
  return (
    <li className={`due-item${item.urgent ? ' urgent' : ''}`}>
      {item.urgent ? <strong className="visually-hidden">Needs doing now: </strong> : null}
      <Link to={item.link}>{item.title}</Link>
      <p>{item.detail}</p>
    </li>
  );
}

function Picture({ picture }: { picture: NonNullable<HomeDue['picture']> }) {
  const words = useOrganisationWords();
  return (
    <section aria-labelledby="term-picture">
      <h2 id="term-picture">This term across {words.the}</h2>
      <dl className="due-picture">
        <div>
          <dt>Schools</dt>
          <dd>{picture.schools}</dd>
        </div>
        <div>
          <dt>Walks done</dt>
          <dd>{picture.walksDone}</dd>
        </div>
        <div>
          <dt>Walks planned</dt>
          <dd>{picture.walksPlanned}</dd>
        </div>
        <div>
          <dt>Actions overdue</dt>
          <dd>{picture.overdueActions}</dd>
        </div>
      </dl>
    </section>
  );
}
