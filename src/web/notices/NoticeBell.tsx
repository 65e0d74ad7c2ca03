import { Link } from 'react-router';
import { useNotices } from './api.ts';

/** The one query of a person's notices: the bell and the notices page share it. */

/** The top bar's link to your notices, with how many are unread. */
export function NoticeBell() {
  const notices = useNotices();
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
