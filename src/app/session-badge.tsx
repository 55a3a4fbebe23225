import { useQuery } from '@tanstack/react-query';
import { UserRound } from 'lucide-react';
import { sessionQuery } from '../lib/session-query';

/** Who is signed in, and the way out; nothing without sign-in. */
export function SessionBadge() {
  const { data: session } = useQuery(sessionQuery);
  if (!session?.user) return null;
  return (
    <p className="flex min-w-0 items-center gap-2 text-sm" data-testid="session">
      <UserRound className="size-4 shrink-0 text-ink-muted" aria-hidden />
      <span className="min-w-0 truncate">
        <span className="sr-only">Signed in as </span>
        <span title={`Signed in as ${session.user}`}>{session.user}</span>
      </span>
      {session.logoutUrl ? (
        <a
          href={session.logoutUrl}
          className="shrink-0 font-medium text-accent underline-offset-2 hover:underline"
        >
          Sign out
        </a>
      ) : null}
    </p>
  );
}
