import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Secret, Service } from 'kubernetes-models/v1';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { START_COMMAND } from '../playwright.config.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KUBERNETES = path.join(ROOT, 'deploy', 'kubernetes');
const BASE = path.join(KUBERNETES, 'base');
const dockerfile = readFileSync(path.join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: { node: string };
  scripts: Record<string, string>;
};

/** Instructions, with continuation lines joined. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

/**
 * The packages the built server and simulator load: bare imports of every module reachable
 * from their entry points (static and dynamic imports of `./…` files followed).
 */
function runtimeImports(entries: string[]): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = entries.map((entry) => path.join(ROOT, entry));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier = ''] of source.matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier));
      else if (!specifier.startsWith('node:')) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
      }
    }
  }
  return packages;
}

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
  it('runs a supported Node LTS, by version, while the app still supports Node 20', () => {
    const bases = instructions.filter((line) => line.startsWith('FROM '));
    expect(bases.length).toBeGreaterThan(0);
    const stages = new Set<string>();
    for (const line of bases) {
      // An image by version, or a stage made earlier in the file.
      const [, image = '', stage] = /^FROM (\S+)(?: AS (\S+))?$/.exec(line) ?? [];
      if (!stages.has(image)) expect(line).toMatch(/^FROM node:(22|24)-bookworm-slim( AS \S+)?$/);
      if (stage) stages.add(stage);
    }
    expect(pkg.engines.node).toBe('>=20.19');
  });

  it('holds no source maps: they are deleted right after the build', () => {
    const build = instructions.find((line) => line.startsWith('RUN npm run build'));
    expect(build).toMatch(/find dist dist-server .*-name '\*\.map'.* -delete/);
    expect(build).toMatch(/-name '\*\.map\.br'/);
  });

  it('installs as runtime dependencies exactly the packages the server and the simulator import', () => {
    const imported = runtimeImports(['server/main.ts', 'server/cli/simulator.ts']);
    expect(new Set(Object.keys(pkg.dependencies))).toEqual(imported);
    // The browser's packages are bundled by Vite: none is installed in the image.
    for (const browserOnly of ['react', 'react-dom', 'react-router', 'lucide-react']) {
      expect(pkg.devDependencies).toHaveProperty(browserOnly);
    }
  });

  it('builds the standalone simulator, which npm run simulator runs without a TypeScript loader', () => {
    const config = readFileSync(path.join(ROOT, 'vite.server.config.ts'), 'utf8');
    expect(config).toMatch(/simulator: 'server\/cli\/simulator\.ts'/);
    expect(pkg.scripts.simulator).toBe('node dist-server/simulator.js');
  });
});

type Manifest = {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  [key: string]: unknown;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are read as plain YAML
type Any = any;

const KUBECTL = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

/**
 * The manifests `kubectl apply -k dir` would send: rendered by `kubectl kustomize` where
 * kubectl is installed; otherwise the base's own files (the only directory that needs no
 * kustomize to read).
 */
function render(dir: string): Manifest[] {
  if (KUBECTL) {
    const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
    return parseAllDocuments(text).map((doc) => doc.toJS() as Manifest);
  }
  expect(dir, 'kubectl is needed to render an overlay').toBe(BASE);
  const kustomization = parse(readFileSync(path.join(BASE, 'kustomization.yaml'), 'utf8')) as {
    resources: string[];
  };
  return kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(BASE, file), 'utf8')).map(
      (doc) => doc.toJS() as Manifest,
    ),
  );
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Deployment,
  Service,
  PodDisruptionBudget,
  NetworkPolicy,
  Ingress,
  Secret,
};

/**
 * kustomize wraps a long Secret value's base64 over several lines; the API server's decoder
 * (Go's encoding/base64) skips line breaks, the schema's "byte" format does not.
 */
function unwrapped(doc: Manifest): Manifest {
  if (doc.kind !== 'Secret' || !doc.data) return doc;
  const data = Object.fromEntries(
    Object.entries(doc.data as Record<string, string>).map(([key, value]) => [
      key,
      value.replace(/\s+/g, ''),
    ]),
  );
  return { ...doc, data };
}

function expectValid(docs: Manifest[]): void {
  for (const raw of docs) {
    const doc = unwrapped(raw);
    const Model = MODELS[doc.kind];
    expect(Model, doc.kind).toBeDefined();
    expect(() => new Model!(doc as never).validate(), doc.kind).not.toThrow();
  }
}

const only = (docs: Manifest[], kind: string): Any => {
  const found = docs.filter((doc) => doc.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0];
};

function envOf(deployment: Any): Record<string, Any> {
  const [container] = deployment.spec.template.spec.containers;
  return Object.fromEntries(container.env.map((e: Any) => [e.name, e]));
}

/** The Secrets a Deployment reads, by name. */
function secretsRead(deployment: Any): Set<string> {
  const [container] = deployment.spec.template.spec.containers;
  return new Set([
    ...container.env.flatMap((e: Any) => e.valueFrom?.secretKeyRef?.name ?? []),
    ...(container.envFrom ?? []).flatMap((e: Any) => e.secretRef?.name ?? []),
  ]);
}

/** A copy of deploy/kubernetes with the example overlay's secret files filled from its examples. */
function filledCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sfs-kustomize-'));
  cpSync(KUBERNETES, dir, { recursive: true });
  for (const name of ['credentials.env', 'oidc.env', 'memory.env']) {
    cpSync(path.join(dir, 'example', `${name}.example`), path.join(dir, 'example', name));
  }
  return dir;
}

describe('the Kubernetes base', () => {
  const docs = render(BASE);
  const deployment = only(docs, 'Deployment');
  const env = envOf(deployment);
  const pod = deployment.spec.template.spec;
  const [container] = pod.containers;

  it('lists every manifest in the directory, and is valid against the Kubernetes schemas', () => {
    const kustomization = parse(readFileSync(path.join(BASE, 'kustomization.yaml'), 'utf8')) as {
      resources: string[];
    };
    const files = readdirSync(BASE).filter(
      (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
    );
    expect(new Set(kustomization.resources)).toEqual(new Set(files));
    expect(new Set(docs.map((doc) => doc.kind))).toEqual(
      new Set(['Deployment', 'Service', 'PodDisruptionBudget', 'NetworkPolicy', 'Ingress']),
    );
    expectValid(docs);
  });

  it('makes no Secret, and reads its secrets by reference only', () => {
    expect(docs.filter((doc) => doc.kind === 'Secret')).toEqual([]);
    expect(secretsRead(deployment)).toEqual(
      new Set(['sfs-turbo-jobs-oidc', 'sfs-turbo-jobs-credentials', 'sfs-turbo-jobs-memory']),
    );
    for (const name of ['OIDC_CLIENT_SECRET', 'SESSION_SECRET', 'METRICS_TOKEN']) {
      expect(env[name]?.value, name).toBeUndefined();
      expect(env[name]?.valueFrom?.secretKeyRef?.name, name).toBe('sfs-turbo-jobs-oidc');
    }
    for (const name of Object.keys(env)) expect(name).not.toMatch(/^OS_/);
  });

  it('signs users in with OIDC, lets only the allowed groups in, and believes no forwarded header', () => {
    expect(env.AUTH_MODE?.value).toBe('oidc');
    expect(env.OIDC_ISSUER_URL?.value).toMatch(/^https:\/\//);
    expect(env.OIDC_CLIENT_ID?.value).toBeTruthy();
    expect(env.PUBLIC_URL?.value).toMatch(/^https:\/\//);
    expect(env.AUTH_ALLOWED_GROUPS?.value).toBeTruthy();
    expect(env.TRUSTED_PROXIES).toBeUndefined();
    expect(only(docs, 'Ingress').metadata.annotations ?? {}).toEqual({});
  });

  it('lets only the ingress controller reach the pods', () => {
    const policy = only(docs, 'NetworkPolicy');
    expect(policy.spec.podSelector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    expect(policy.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
          },
        ],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
    ]);
    expect(only(docs, 'Ingress').spec.ingressClassName).toBe('nginx');
  });

  it("runs the image of package.json's version, never :latest", () => {
    expect(container.image).toBe(`sfs-turbo-jobs:${pkg.version}`);
    expect(container.image).not.toMatch(/:latest$/);
  });

  it('spreads the replicas over nodes', () => {
    const byNode = pod.topologySpreadConstraints.find(
      (c: Any) => c.topologyKey === 'kubernetes.io/hostname',
    );
    expect(byNode).toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' });
    expect(byNode.labelSelector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
  });

  it('shares one PostgreSQL between its replicas, and reads the destinations as secrets', () => {
    expect(deployment.spec.replicas).toBeGreaterThan(1);
    expect(env.DATABASE_URL?.valueFrom?.secretKeyRef).toEqual({
      name: 'sfs-turbo-jobs-memory',
      key: 'DATABASE_URL',
    });
    expect(env.SFS_TURBO_DATA_DIR).toBeUndefined();
    for (const name of ['NOTIFY_TARGETS', 'NOTIFY_WEBHOOK_SECRET']) {
      expect(env[name]?.value, name).toBeUndefined();
      expect(env[name]?.valueFrom?.secretKeyRef, name).toMatchObject({
        name: 'sfs-turbo-jobs-memory',
        optional: true,
      });
    }
  });

  it('runs two non-root replicas on a read-only root filesystem, probed on health and readiness under the base path', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.livenessProbe.httpGet.path).toBe(`${env.BASE_PATH.value}/healthz`);
    expect(container.readinessProbe.httpGet.path).toBe(`${env.BASE_PATH.value}/readyz`);
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
    // Shutdown waits up to 10 s for requests in flight: the pod must be given longer.
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(10);
    expect(only(docs, 'Ingress').spec.rules[0].http.paths[0].path).toBe(env.BASE_PATH.value);
    expect(only(docs, 'PodDisruptionBudget').spec.minAvailable).toBe(1);
  });
});

describe('the example overlay', () => {
  const copy = filledCopy();
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('keeps its secret files out of git and out of the image build', () => {
    for (const name of ['credentials.env', 'oidc.env', 'memory.env']) {
      const file = `deploy/kubernetes/example/${name}`;
      const check = spawnSync('git', ['check-ignore', '-q', file], { cwd: ROOT });
      expect(check.status, file).toBe(0);
      expect(readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')).toContain(
        `deploy/kubernetes/*/${name}`,
      );
    }
  });

  it('holds a memory.env example whose destinations and database URL the server accepts', async () => {
    const { loadMemoryConfig } = await import('../server/config/memory.ts');
    const env = Object.fromEntries(
      readFileSync(path.join(KUBERNETES, 'example', 'memory.env.example'), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const memory = loadMemoryConfig(env);
    expect(memory.store.engine).toBe('postgres');
    expect(memory.targets.map((target) => `${target.name}:${target.kind}`)).toEqual([
      'inc-channel:slack',
      'ops:teams',
    ]);
  });

  it('renders the Secrets the base reads, from its files, and the image by version', () => {
    const overlay = parse(readFileSync(path.join(copy, 'example', 'kustomization.yaml'), 'utf8'));
    expect(overlay.resources).toEqual(['../base']);
    const generated = overlay.secretGenerator.map((secret: Any) => secret.name);
    expect(new Set(generated)).toEqual(secretsRead(only(render(BASE), 'Deployment')));
    if (!KUBECTL) return; // Rendering the overlay itself needs kustomize.
    const docs = render(path.join(copy, 'example'));
    expectValid(docs);
    const deployment = only(docs, 'Deployment');
    const secrets = docs.filter((doc) => doc.kind === 'Secret').map((doc) => doc.metadata.name);
    expect(secrets).toHaveLength(3);
    expect(secretsRead(deployment)).toEqual(new Set(secrets));
    expect(deployment.spec.template.spec.containers[0].image).toMatch(
      new RegExp(`/sfs-turbo-jobs:${pkg.version.replace(/\./g, '\\.')}$`),
    );
  });

  it('with the header-mode component, has ingress-nginx overwrite the identity headers the app believes', () => {
    const component = parse(readFileSync(path.join(copy, 'header-mode', 'ingress.yaml'), 'utf8'));
    expect(
      component.metadata.annotations['nginx.ingress.kubernetes.io/auth-response-headers'],
    ).toBe('X-Auth-Request-User,X-Auth-Request-Groups');
    if (!KUBECTL) return; // Rendering the overlay itself needs kustomize.
    const kustomization = path.join(copy, 'example', 'kustomization.yaml');
    const text = readFileSync(kustomization, 'utf8');
    writeFileSync(kustomization, `${text}components:\n  - ../header-mode\n`);
    const docs = render(path.join(copy, 'example'));
    expectValid(docs);
    const env = envOf(only(docs, 'Deployment'));
    expect(env.AUTH_MODE?.value).toBe('header');
    expect(env.OIDC_CLIENT_SECRET).toBeUndefined();
    expect(env.TRUSTED_PROXIES?.value).not.toMatch(/^(0\.0\.0\.0\/0|::\/0)$/);
    const annotations = only(docs, 'Ingress').metadata.annotations;
    expect(annotations['nginx.ingress.kubernetes.io/auth-url']).toMatch(/\/oauth2\/auth$/);
    // ingress-nginx sets each auth-response header from the sign-in answer, replacing the client's.
    expect(annotations['nginx.ingress.kubernetes.io/auth-response-headers'].split(',')).toEqual([
      env.AUTH_USER_HEADER.value,
      env.AUTH_GROUPS_HEADER.value,
    ]);
    expect(only(docs, 'NetworkPolicy')).toBeDefined();
  });
});

describe('the documented team start', () => {
  /** The variables of configuration.md's `HOST=0.0.0.0` example, as the shell would set them. */
  function documentedEnv(): Record<string, string> {
    const doc = readFileSync(path.join(ROOT, 'docs', 'configuration.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Host settings'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(block).toContain('HOST=0.0.0.0');
    const env: Record<string, string> = {};
    for (const [, name = '', value = ''] of block
      .replace(/\\\n/g, ' ')
      .replace(/"\$\(openssl rand -base64 48\)"/g, randomBytes(48).toString('base64'))
      .matchAll(/\b([A-Z_]+)=(\S+)/g)) {
      env[name] = value;
    }
    return env;
  }

  it('passes the checks the server makes at start', async () => {
    const { loadAppConfig } = await import('../server/config/app-config.ts');
    const env = documentedEnv();
    expect(env.AUTH_MODE).toBe('oidc');
    // The credential is read at start too: the `clouds.yaml` the example's OS_CLOUD names.
    const dir = mkdtempSync(path.join(tmpdir(), 'team-start-'));
    try {
      const cloudsYaml = path.join(dir, 'clouds.yaml');
      writeFileSync(
        cloudsYaml,
        `clouds:\n  ${env.OS_CLOUD}:\n    region_name: eu-de\n    auth:\n      token: a-token-for-the-example\n`,
      );
      expect(() => loadAppConfig({ ...env, OS_CLIENT_CONFIG_FILE: cloudsYaml })).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
