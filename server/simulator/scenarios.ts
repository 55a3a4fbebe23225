import type { Scenario } from './scenario.ts';
import { DEMO_PROJECT_ID } from './scenario-ids.ts';
import { EDGE_SCENARIOS } from './scenarios-edge.ts';
import { ERROR_SCENARIOS } from './scenarios-errors.ts';
import { JOB_SCENARIOS } from './scenarios-jobs.ts';

export interface DemoJob {
  projectId: string;
  jobId: string;
  title: string;
  description: string;
  group: string;
}

/** Every scenario, in the order the home page lists them. */
export const SCENARIOS: readonly Scenario[] = [
  ...JOB_SCENARIOS,
  ...EDGE_SCENARIOS,
  ...ERROR_SCENARIOS,
];

const byJobId = new Map(SCENARIOS.map((scenario) => [scenario.jobId, scenario]));

/** The scenario behind a demo-project job ID. The not-found scenario has neither job nor answer. */
export function findScenario(projectId: string, jobId: string): Scenario | undefined {
  return projectId === DEMO_PROJECT_ID ? byJobId.get(jobId) : undefined;
}

/** The catalogue as the home page lists it: plain JSON, no functions. */
export function demoJobs(): DemoJob[] {
  return SCENARIOS.map(({ jobId, title, description, group }) => ({
    projectId: DEMO_PROJECT_ID,
    jobId,
    title,
    description,
    group,
  }));
}
