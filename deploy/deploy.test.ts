import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { Secret, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { START_COMMAND } from '../playwright.config.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASE = path.join(ROOT, 'deploy', 'kubernetes', 'base');
const dockerfile = readFileSync(path.join(ROOT, 'deploy', 'Dockerfile'), 'utf8');

/** Instructions, with continuation lines joined. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

describe('the container image', () => {
  it('starts with the very command the end-to-end tests run', () => {
    const cmd = instructions.filter((line) => line.startsWith('CMD '));
    expect(cmd).toHaveLength(1);
    expect(JSON.parse(cmd[0]?.slice(4) ?? '')).toEqual(START_COMMAND.split(' '));
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.serve).toBe(
      START_COMMAND,
    );
  });

  it('copies only files that exist in the repository, and nothing .dockerignore leaves out', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && !line.includes('*'));
    const sources = instructions
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.slice(5).trim().split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(path.join(ROOT, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source.replace(/\/$/, ''));
    }
  });

  it('runs as a non-root user with a health check, from runtime dependencies only', () => {
    const last = instructions.slice(instructions.findLastIndex((line) => line.startsWith('FROM ')));
    expect(last).toContain('USER node');
    expect(last.some((line) => line.startsWith('HEALTHCHECK ') && line.includes('healthz'))).toBe(
      true,
    );
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(last.filter((line) => line.startsWith('COPY --from=build')).join('\n')).not.toMatch(
      /node_modules/,
    );
  });
});

describe('the Kubernetes base', () => {
  const kustomization = parse(readFileSync(path.join(BASE, 'kustomization.yaml'), 'utf8')) as {
    resources: string[];
  };
  const docs = kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(BASE, file), 'utf8')).map((doc) => doc.toJS()),
  );
  const byKind = (kind: string) => docs.filter((doc) => doc.kind === kind);

  it('lists every manifest in the directory', () => {
    const files = readdirSync(BASE).filter(
      (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
    );
    expect(new Set(kustomization.resources)).toEqual(new Set(files));
  });

  it('is valid against the Kubernetes schemas', () => {
    const models: Record<string, new (data: never) => { validate(): void }> = {
      Deployment,
      Service,
      PodDisruptionBudget,
      Ingress,
      Secret,
    };
    expect(new Set(docs.map((doc) => doc.kind))).toEqual(new Set(Object.keys(models)));
    for (const doc of docs) {
      const Model = models[doc.kind];
      expect(Model, doc.kind).toBeDefined();
      expect(() => new Model!(doc as never).validate(), doc.kind).not.toThrow();
    }
  });

  it('runs two non-root replicas on a read-only root filesystem, probed on health and readiness under the base path', () => {
    const [deployment] = byKind('Deployment');
    expect(deployment.spec.replicas).toBe(2);
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const [container] = pod.containers;
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    const env = Object.fromEntries(
      container.env.map((e: { name: string; value: string }) => [e.name, e.value]),
    );
    expect(container.livenessProbe.httpGet.path).toBe(`${env.BASE_PATH}/healthz`);
    expect(container.readinessProbe.httpGet.path).toBe(`${env.BASE_PATH}/readyz`);
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
    const [secret] = byKind('Secret');
    expect(container.envFrom).toEqual([{ secretRef: { name: secret.metadata.name } }]);
    // Shutdown waits up to 10 s for requests in flight: the pod must be given longer.
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(10);
    const [ingress] = byKind('Ingress');
    expect(ingress.spec.rules[0].http.paths[0].path).toBe(env.BASE_PATH);
    const [pdb] = byKind('PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBe(1);
  });
});
