import { act, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotifyButton } from './job-toolbar';
import { useEndNotification } from './use-end-notification';

function blockNotifications() {
  const requestPermission = vi.fn(async () => 'denied' as NotificationPermission);
  const fake = Object.assign(vi.fn(), {
    permission: 'denied' as NotificationPermission,
    requestPermission,
  });
  vi.stubGlobal('Notification', fake);
  return Object.assign(requestPermission, {
    allow: () => {
      fake.permission = 'granted';
    },
  });
}

function JobToolbarNotify() {
  const notify = useEndNotification('running', () => 'job');
  return (
    <NotifyButton
      state={notify.state}
      finished={false}
      onRequest={() => void notify.request()}
      onCancel={notify.cancel}
      onRecheck={notify.recheck}
    />
  );
}

const noop = { onRequest: () => {}, onCancel: () => {}, onRecheck: () => 'denied' as const };

afterEach(() => vi.unstubAllGlobals());

describe('a site that blocks notifications', () => {
  it('offers the button as usual, and says notifications are blocked once asked', async () => {
    const requestPermission = blockNotifications();
    const { result } = renderHook(() => useEndNotification('running', () => 'job'));
    expect(result.current.state).toBe('off');
    await act(() => result.current.request());
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(result.current.state).toBe('denied');
  });

  it('shows the blocked note only in the state reached by asking', () => {
    const { rerender } = render(<NotifyButton state="off" finished={false} {...noop} />);
    expect(screen.queryByText(/blocked/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Notify me when it ends' })).toBeTruthy();
    rerender(<NotifyButton state="denied" finished={false} {...noop} />);
    expect(screen.getByText(/Notifications are blocked for this site/)).toBeTruthy();
    // Nothing to wait for (a finished job, or an error page without a job): nothing shown.
    rerender(<NotifyButton state="denied" finished {...noop} />);
    expect(screen.queryByText(/blocked/)).toBeNull();
  });

  it('says how to allow them, and "Check again" brings the button back once they are allowed', async () => {
    const notifications = blockNotifications();
    const user = userEvent.setup();
    render(<JobToolbarNotify />);
    await user.click(screen.getByRole('button', { name: 'Notify me when it ends' }));
    expect(
      screen.getByText(/the lock or tune icon in the address bar → Notifications → Allow/),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(screen.getByRole('status').textContent).toBe('Still blocked.');
    notifications.allow();
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(screen.queryByText(/blocked/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Notify me when it ends' })).toBeTruthy();
  });
});
