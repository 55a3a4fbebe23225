/**
 * What the simulated SFS Turbo accepts as IDs. Kept apart from the proxy's rule in
 * `common/contract.ts` on purpose: the simulator stands in for the cloud, so a test can
 * catch the proxy and the cloud disagreeing.
 */
export const PROJECT_ID_SHAPE = /^[0-9a-f]{32}$/;
export const JOB_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
