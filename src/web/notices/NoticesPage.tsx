import './notices.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Notice } from '../../contracts/notices.ts';
import { formatInstant } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { agreeToVisit, markAllRead, markRead, noticeKeys, useNotices } from './api.ts';
import { CalendarFeed } from './CalendarFeed.tsx';

/** Your notices: prior warning of walks, changes to them, and visits that need your agreement. */
export function NoticesPage() {
  const notices = useNotices();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const readAll = useMutation({
    mutationFn: markAllRead,
    onSuccess: (r) => {
      setStatus(r.marked === 0 ? 'Nothing was unread.' : `Marked ${r.marked} as read.`);
      return queryClient.invalidateQueries({ queryKey: noticeKeys.notices() });
    },
  });
  return (
    <>
      <h1>Notices</h1>
      <p className="lede">
        Prior warning of learning walks that visit your lessons or that you observe, and any change
        to them after they were published.
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {notices.isPending ? <Loading what="your notices" /> : null}
      {notices.error ? <ErrorMessage error={notices.error} /> : null}
      {readAll.error ? <ErrorMessage error={readAll.error} /> : null}
      {notices.data ? (
        <>
          {notices.data.unreadCount > 0 ? (
            <p>
              <button
                type="button"
                className="button secondary"
                disabled={readAll.isPending}
                onClick={() => readAll.mutate()}
              >
                Mark all as read
              </button>
            </p>
          ) : null}
          {notices.data.notices.length === 0 ? <p>You have no notices yet.</p> : null}
          <ul className="notices">
            {notices.data.notices.map((n) => (
              <NoticeItem key={n.id} notice={n} onStatus={setStatus} />
            ))}
          </ul>
        </>
      ) : null}
      <CalendarFeed />
    </>
  );
}

function NoticeItem({ notice, onStatus }: { notice: Notice; onStatus: (s: string) => void }) {
  const queryClient = useQueryClient();
  const read = useMutation({
    mutationFn: () => markRead(notice.id),
    onSuccess: () => {
      onStatus('Marked as read.');
      return queryClient.invalidateQueries({ queryKey: noticeKeys.notices() });
    },
  });
  const agree = useMutation({
    mutationFn: agreeToVisit,
    onSuccess: () => {
      onStatus('Thank you: the visit at its new time can go ahead.');
      return queryClient.invalidateQueries({ queryKey: noticeKeys.notices() });
    },
  });
  const unread = notice.readAt === null;
  const headingId = `notice-${notice.id}`;
  return (
    <li className={`card notice${unread ? ' unread' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {unread ? <span className="badge">New</span> : null} {notice.title}
      </h2>
      <p className="muted">{formatInstant(notice.createdAt)}</p>
      <pre className="notice-body">{notice.body}</pre>
      {notice.link?.startsWith('/') && notice.link !== '/notices' ? (
        <p>
          <Link to={notice.link}>
            Open<span className="visually-hidden">: {notice.title}</span>
          </Link>
        </p>
      ) : null}
      {notice.agreement ? (
        notice.agreement.agreedAt ? (
          <p className="agreed">You agreed on {formatInstant(notice.agreement.agreedAt)}.</p>
        ) : notice.agreement.open ? (
          <div className="agreement">
            <p>
              This visit was moved inside the notice period. It goes ahead only if you agree. If you
              do not agree, do nothing.
            </p>
            <button
              type="button"
              className="button"
              disabled={agree.isPending}
              onClick={() => agree.mutate(notice.agreement!.visitId)}
            >
              I agree to the new time
            </button>
          </div>
        ) : (
          <p className="muted">The visit was cancelled: there is nothing to agree to.</p>
        )
      ) : null}
      {agree.error ? <ErrorMessage error={agree.error} /> : null}
      {read.error ? <ErrorMessage error={read.error} /> : null}
      {unread ? (
        <button
          type="button"
          className="button secondary"
          disabled={read.isPending}
          onClick={() => read.mutate()}
        >
          Mark as read<span className="visually-hidden">: {notice.title}</span>
        </button>
      ) : null}
    </li>
  );
}
