import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider, useNavigate, useParams } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { RegionInfo } from '../../../common/contract';
import { LookupForm } from './lookup-form';

const regions: RegionInfo[] = [
  { id: 'eu-de', name: 'Germany (eu-de)', cloud: 'otc' },
  { id: 'eu-nl', name: 'Netherlands (eu-nl)', cloud: 'otc' },
];
const PROJECT = 'e9993fc787d94b6c886cbaa340f9c0f4';
const OTHER = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';
const REQUEST = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const JOB = '7c0e9a8b6d5c4f3e2a1b0c9d8e7f6a5b';

function JobStub() {
  const params = useParams();
  const navigate = useNavigate();
  return (
    <div>
      <p>job page {params.jobId}</p>
      <button type="button" onClick={() => void navigate(-1)}>
        Back
      </button>
    </div>
  );
}

function renderForm(initial = '/') {
  const router = createMemoryRouter(
    [
      { path: '/', element: <LookupForm regions={regions} defaultRegion="eu-de" /> },
      { path: '/:region/projects/:projectId/jobs/:jobId', element: <JobStub /> },
    ],
    { initialEntries: [initial] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe('the lookup form and a pasted text', () => {
  it('support engineer pastes an SDK exception: the request_id is not taken, and each field says where it came from', async () => {
    renderForm();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText(/Paste anything/));
    await user.paste(
      `ClientRequestException: {"status_code": 400, "request_id": "${REQUEST}"} job_id=${JOB} project=${OTHER}`,
    );
    expect(screen.getByLabelText('Project ID')).toHaveProperty('value', OTHER);
    expect(screen.getByLabelText('Job ID')).toHaveProperty('value', JOB);
    expect(screen.getByText(`project=${OTHER}`)).toBeTruthy();
    expect(screen.getByText(`job_id=${JOB}`)).toBeTruthy();
  });

  it('support engineer pastes two unlabelled project IDs and picks one instead of getting a guess', async () => {
    renderForm();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText(/Paste anything/));
    await user.paste(`${PROJECT} ${OTHER} job ${JOB}`);
    expect(screen.getByLabelText('Project ID')).toHaveProperty('value', '');
    expect(screen.getByRole('status').textContent).toContain('2 possible project IDs');
    await user.click(screen.getByRole('button', { name: new RegExp(OTHER) }));
    expect(screen.getByLabelText('Project ID')).toHaveProperty('value', OTHER);
    expect(
      screen.getByRole('button', { name: new RegExp(OTHER) }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('Back from the job page, and Edit lookup, return to a filled form', async () => {
    renderForm();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Region'), 'eu-nl');
    await user.type(screen.getByLabelText('Project ID'), PROJECT);
    await user.type(screen.getByLabelText('Job ID'), JOB);
    await user.click(screen.getByRole('button', { name: 'Show job' }));
    expect(await screen.findByText(`job page ${JOB}`)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByLabelText('Project ID')).toHaveProperty('value', PROJECT);
    expect(screen.getByLabelText('Job ID')).toHaveProperty('value', JOB);
    expect(screen.getByLabelText('Region')).toHaveProperty('value', 'eu-nl');
  });

  it('opens filled from an "Edit lookup" address, and ignores a region it does not serve', () => {
    renderForm(`/?region=xx-nowhere-1&project=${PROJECT}&job=${JOB}`);
    expect(screen.getByLabelText('Project ID')).toHaveProperty('value', PROJECT);
    expect(screen.getByLabelText('Job ID')).toHaveProperty('value', JOB);
    expect(screen.getByLabelText('Region')).toHaveProperty('value', 'eu-de');
  });

  it('support engineer pastes a log line with only the job ID: the note says the project is missing and the focus goes to it', async () => {
    renderForm();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText(/Paste anything/));
    await user.paste(`polling failed job_id=${JOB}`);
    expect(screen.getByRole('status').textContent).toBe(
      'Found job ID 7c0e…; the project ID is missing: type or paste it.',
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Project ID'));
    await user.keyboard(PROJECT);
    expect(screen.getByRole('status').textContent).toBe('Found job ID 7c0e….');
  });

  it('typing in the paste box never takes the focus away', () => {
    renderForm();
    const box = screen.getByLabelText(/Paste anything/);
    box.focus();
    // A change that is not a paste: what typing the last character of an ID does.
    fireEvent.change(box, { target: { value: `job_id=${JOB}` } });
    expect(screen.getByLabelText('Job ID')).toHaveProperty('value', JOB);
    expect(document.activeElement).toBe(box);
  });

  it('Enter in the paste box reads it and shows the job; Shift+Enter starts a new line', async () => {
    renderForm();
    const user = userEvent.setup();
    const box = screen.getByLabelText(/Paste anything/);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      document.getElementById(box.getAttribute('aria-describedby')?.split(' ')[0] ?? '')
        ?.textContent,
    ).toContain('Enter reads it');
    await user.click(box);
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    await user.paste(`project ${PROJECT} job_id=${JOB}`);
    expect(box).toHaveProperty('value', `\nproject ${PROJECT} job_id=${JOB}`);
    expect(screen.queryByText(`job page ${JOB}`)).toBeNull();
    await user.keyboard('{Enter}');
    expect(await screen.findByText(`job page ${JOB}`)).toBeTruthy();
  });

  it('Show job with the project ID missing puts the focus in the project field', async () => {
    renderForm();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Job ID'), JOB);
    await user.click(screen.getByRole('button', { name: 'Show job' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Project ID'));
    expect(screen.getByText('Enter the project ID.')).toBeTruthy();
  });
});
