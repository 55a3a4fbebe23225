import { DEMO_PROJECT_ID } from './scenario-ids.ts';
import type { Scenario } from './scenario.ts';
import { EDGE_SCENARIOS } from './scenarios-edge.ts';
import { ERROR_SCENARIOS } from './scenarios-errors.ts';
import { INCIDENT_SCENARIOS } from './scenarios-incident.ts';
import { JOB_SCENARIOS } from './scenarios-jobs.ts';

export interface DemoJob {
  projectId: string;
  jobId: string;
  title: string;
  description: string;
  group: string;
  /** The region the demo incident's board shows it in. */
  region?: string;
}

/** Every scenario, in the order the home page lists them. */
export const SCENARIOS: readonly Scenario[] = [
  ...JOB_SCENARIOS,
  ...EDGE_SCENARIOS,
  ...ERROR_SCENARIOS,
  ...INCIDENT_SCENARIOS,
];

export const scenarioProject = (scenario: Scenario) => scenario.projectId ?? DEMO_PROJECT_ID;

const byKey = new Map(
  SCENARIOS.map((scenario) => [`${scenarioProject(scenario)}/${scenario.jobId}`, scenario]),
);

/** The scenario behind a demo job. The not-found scenarios have neither job nor answer. */
export function findScenario(projectId: string, jobId: string): Scenario | undefined {
  return byKey.get(`${projectId}/${jobId}`);
}

/** The catalogue as the home page lists it: plain JSON, no functions. */
export function demoJobs(): DemoJob[] {
  return SCENARIOS.map((scenario) => ({
    projectId: scenarioProject(scenario),
    jobId: scenario.jobId,
    title: scenario.title,
    description: scenario.description,
    group: scenario.group,
    ...(scenario.region ? { region: scenario.region } : {}),
  }));
}
