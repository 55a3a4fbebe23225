import { useQuery } from '@tanstack/react-query';
import { regionsQuery } from '../../lib/regions-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { DemoJobs } from './demo-jobs';
import { LookupForm } from './lookup-form';
import { RecentJobsList } from './recent-jobs-list';

export function LookupPage() {
  useDocumentTitle('Look up a job · SFS Turbo jobs');
  const { data, error, isPending } = useQuery(regionsQuery);
  if (isPending) return <p role="status">Loading configuration…</p>;
  if (error) {
    return (
      <p role="alert" className="text-status-failed">
        Could not load the region list: {error.message}
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <LookupForm
        regions={data.regions}
        otherRegions={data.otherRegions ?? []}
        defaultRegion={data.defaultRegion}
      />
      <RecentJobsList />
      <DemoJobs jobs={data.demoJobs} region={data.defaultRegion} />
    </div>
  );
}
