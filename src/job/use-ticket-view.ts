import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

export const TICKET_VIEW_PARAM = 'view';
export const TICKET_VIEW_VALUE = 'ticket';

/**
 * `?view=ticket`: the job without controls, every detail out, in the light scheme whatever
 * the system says, for a screenshot that stands alone. The flags live on <html> so that the
 * stylesheet (controls hidden, light tokens) applies to the whole page.
 */
export function useTicketView(): boolean {
  const [params] = useSearchParams();
  const ticket = params.get(TICKET_VIEW_PARAM) === TICKET_VIEW_VALUE;
  useEffect(() => {
    if (!ticket) return;
    const root = document.documentElement;
    root.setAttribute('data-theme', 'light');
    root.setAttribute('data-export', 'ticket');
    return () => {
      root.removeAttribute('data-theme');
      root.removeAttribute('data-export');
    };
  }, [ticket]);
  return ticket;
}

/** The page's own address with `view=ticket` added (keeps `?sub=`). */
export function ticketViewHref(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  params.set(TICKET_VIEW_PARAM, TICKET_VIEW_VALUE);
  return `${pathname}?${params.toString()}`;
}
