import { act, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotifyButton } from './job-toolbar';
import { useEndNotification } from './use-end-notification';

function blockNotifications() {
  const requestPermission = vi.fn(async () => 'denied' as NotificationPermission);
  vi.stubGlobal(
    'Notification',
    Object.assign(vi.fn(), { permission: 'denied', requestPermission }),
  );
  return requestPermission;
}

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
    const { rerender } = render(
      <NotifyButton state="off" finished={false} onRequest={() => {}} onCancel={() => {}} />,
    );
    expect(screen.queryByText(/blocked/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Notify me when it ends' })).toBeTruthy();
    rerender(
      <NotifyButton state="denied" finished={false} onRequest={() => {}} onCancel={() => {}} />,
    );
    expect(screen.getByText('Notifications are blocked for this site')).toBeTruthy();
    // Nothing to wait for (a finished job, or an error page without a job): nothing shown.
    rerender(<NotifyButton state="denied" finished onRequest={() => {}} onCancel={() => {}} />);
    expect(screen.queryByText(/blocked/)).toBeNull();
  });
});
