/** The code behind the ticket buttons, loaded on the first click or earlier when the page is idle. */
export const loadTicketExports = () => import('./exports');
