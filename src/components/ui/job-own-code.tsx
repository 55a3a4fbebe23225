/**
 * Beside a sub-job's first failure: the job's own error code, when it differs (the board row
 * and the job card say it alike).
 */
export function JobOwnCode({ code }: { code: string | undefined }) {
  return (
    <span data-job-own-code>
      {' '}
      · the job&apos;s own code: <code className="font-mono break-all">{code || 'none'}</code>
    </span>
  );
}
