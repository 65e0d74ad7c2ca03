import { useState } from 'react';
import { formatInstant } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useOutbox } from './api.ts';

const PAGE = 20;

/** Mail the app has written: kept here when no SMTP server is set, so the demo works offline. */
export function OutboxPage() {
  const [offset, setOffset] = useState(0);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const outbox = useOutbox(PAGE, offset, search);
  return (
    <>
      <h1>Mail outbox</h1>
      <p className="lede">
        Mail the app has written, newest first. With no mail server set up, it stays here. Sign-in
        links and invitations are readable by their recipient alone: this page shows that they were
        sent, to whom and when, never the link. On a trial install with no mail server, the link is
        printed on the server's console instead.
      </p>
      <form
        className="outbox-search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(typed);
          setOffset(0);
        }}
      >
        <label htmlFor="outbox-q">Search the outbox</label>
        <p className="hint" id="outbox-q-hint">
          Words in the address, the subject or the kind of mail, e.g. “flagged” or a name.
        </p>
        <input
          id="outbox-q"
          type="search"
          value={typed}
          maxLength={200}
          aria-describedby="outbox-q-hint"
          onChange={(e) => setTyped(e.target.value)}
        />{' '}
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {outbox.isPending ? <Loading what="the outbox" /> : null}
      {outbox.error ? <ErrorMessage error={outbox.error} /> : null}
      {outbox.data ? (
        <>
          {outbox.data.mails.length === 0 ? (
            <p>{search.trim() ? `No mail matches “${search.trim()}”.` : 'No mail yet.'}</p>
          ) : null}
          <ul className="outbox">
            {outbox.data.mails.map((m) => (
              <li key={m.id} className="card">
                <h2>{m.subject}</h2>
                <p className="muted">
                  To {m.to} · written {formatInstant(m.createdAt)} ·{' '}
                  {m.sentAt
                    ? `sent ${formatInstant(m.sentAt)}`
                    : m.delivery === 'local'
                      ? 'kept here (no mail server)'
                      : 'not sent yet'}
                </p>
                {m.lastError ? <p className="error">Delivery failed: {m.lastError}</p> : null}
                {m.carriesCredential ? (
                  <p className="muted">
                    Carries a sign-in link, which only its recipient can read.
                  </p>
                ) : null}
                {m.body ? <pre className="mail-body">{m.body}</pre> : null}
              </li>
            ))}
          </ul>
          <nav aria-label="Outbox pages" className="pager">
            <button
              type="button"
              className="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Newer
            </button>{' '}
            <span>
              {outbox.data.total === 0
                ? ''
                : `${offset + 1}–${offset + outbox.data.mails.length} of ${outbox.data.total}`}
            </span>{' '}
            <button
              type="button"
              className="button"
              disabled={offset + PAGE >= outbox.data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Older
            </button>
          </nav>
        </>
      ) : null}
    </>
  );
}
