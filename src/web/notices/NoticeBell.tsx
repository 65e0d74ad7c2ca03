import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { NoticeList } from '../../contracts/notices.ts';
import { api } from '../lib/api.ts';

/** The one query of a person's notices: the bell and the notices page share it. */
export const noticesKey = ['notices'] as const;

/** The top bar's link to your notices, with how many are unread. */
export function NoticeBell() {
  const notices = useQuery({
    queryKey: noticesKey,
    queryFn: () => api<NoticeList>('/api/me/notices?limit=100'),
    refetchInterval: 60_000,
  });
  const unread = notices.data?.unreadCount ?? 0;
  return (
    // The accessible name is the visible text ("Notices 3") plus a hidden "unread", so what a
    // voice-control user reads on screen is what they can say.
    <Link to="/notices" className="notice-bell">
      Notices
      {unread > 0 ? (
        <>
          {' '}
          <span className="bell-count">{unread}</span>
          <span className="visually-hidden"> unread</span>
        </>
      ) : null}
    </Link>
  );
}
