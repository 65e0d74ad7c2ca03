import { formatInstantDay } from '../lib/format.ts';
import './notices.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CalendarFeedCreated } from '../../contracts/notices.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { createCalendarFeed, noticeKeys, stopCalendarFeed, useCalendarFeed } from './api.ts';

/**
 * "Calendar feed": a private address of the walks that concern you, for Outlook, Google Calendar
 * or a phone. The address is shown once, when made; making a new one stops the old one.
 */
export function CalendarFeed() {
  const queryClient = useQueryClient();
  const status = useCalendarFeed();
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [message, setMessage] = useState('');
  const make = useMutation({
    mutationFn: createCalendarFeed,
    onSuccess: (feed) => {
      setCreated(feed);
      setMessage(
        feed.replaced
          ? 'New address made. The old address no longer works: update your calendar app.'
          : 'Address made. Copy it into your calendar app now: it is shown only once.',
      );
      return queryClient.invalidateQueries({ queryKey: noticeKeys.calendarFeed() });
    },
  });
  const revoke = useMutation({
    mutationFn: stopCalendarFeed,
    onSuccess: () => {
      setCreated(null);
      setMessage('The address is revoked: calendars using it will stop updating.');
      return queryClient.invalidateQueries({ queryKey: noticeKeys.calendarFeed() });
    },
  });
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setMessage('Address copied.');
    } catch {
      setMessage('Could not copy automatically: select the address and copy it.');
    }
  };
  return (
    <section className="calendar-feed card" aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading">Calendar feed</h2>
      <p>
        See the learning walks that concern you — visits to your lessons, walks you observe, and for
        leaders the school’s published walks — in Outlook, Google Calendar or on your phone. The
        address is private: anyone who has it can read your walks, so do not share it.
      </p>
      <p className="feed-message" role="status" aria-live="polite">
        {message}
      </p>
      {status.isPending ? <Loading what="your calendar feed" /> : null}
      {status.error ? <ErrorMessage error={status.error} /> : null}
      {make.error ? <ErrorMessage error={make.error} /> : null}
      {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
      {created ? (
        <div className="feed-address">
          <label htmlFor="feed-url">Your private calendar address</label>
          <input
            id="feed-url"
            readOnly
            value={created.url}
            onFocus={(e) => e.currentTarget.select()}
          />
          <p className="feed-actions">
            <button type="button" className="button" onClick={copy}>
              Copy address
            </button>{' '}
            <a className="button secondary" href={created.webcalUrl}>
              Open in calendar app
            </a>
          </p>
          <p className="muted">
            In Outlook: Add calendar → Subscribe from web. In Google Calendar: Other calendars →
            From URL. Calendars refresh every few hours.
          </p>
        </div>
      ) : null}
      {status.data ? (
        <p className="feed-actions">
          {status.data.active && !created ? (
            <span className="muted">
              You have an address, made {formatInstantDay(status.data.createdAt!)}.{' '}
            </span>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={make.isPending}
            onClick={() => make.mutate()}
          >
            {status.data.active ? 'Make a new address' : 'Make my calendar address'}
          </button>{' '}
          {status.data.active ? (
            <button
              type="button"
              className="button secondary"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              Revoke address
            </button>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
