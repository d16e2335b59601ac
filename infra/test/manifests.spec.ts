import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Parses the deployment material under infra/ and checks what a deploy depends on. */

const infra = resolve(__dirname, '..');
const k8sDir = join(infra, 'k8s');
const composeFile = join(infra, 'compose.yaml');
const dockerfile = join(infra, 'docker', 'Dockerfile');

const REQUIRED_VARIABLES = ['NODE_ENV', 'PORT', 'DATABASE_URL', 'REDIS_URL', 'JWT_ACCESS_SECRET', 'ANONYMIZATION_HMAC_KEY'];
const SECRET_VARIABLES = ['DATABASE_URL', 'REDIS_URL', 'JWT_ACCESS_SECRET', 'ANONYMIZATION_HMAC_KEY'];
const HEALTH_PATH = '/api/health';
const API_PORT = 3000;

// Loose shapes of the parts of the manifests the checks read.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Manifest = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };
type Container = { name: string; command?: string[]; args?: string[]; ports?: Array<{ name?: string; containerPort: number }>; envFrom?: any[]; [key: string]: any };
/* eslint-enable @typescript-eslint/no-explicit-any */

interface ParsedFile {
  file: string;
  errors: string[];
  docs: Manifest[];
}

function parseYamlFile(path: string): ParsedFile {
  const documents = parseAllDocuments(readFileSync(path, 'utf8'));
  const list = Array.isArray(documents) ? documents : [documents];
  return {
    file: path,
    errors: list.flatMap((document) => [...document.errors, ...document.warnings].map((error) => error.message)),
    docs: list.map((document) => document.toJS() as Manifest).filter((doc) => doc !== null && doc !== undefined),
  };
}

const k8sFiles = readdirSync(k8sDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();
const k8sParsed = k8sFiles.map((name) => parseYamlFile(join(k8sDir, name)));
const k8sDocs = k8sParsed.flatMap((parsed) => parsed.docs);
const resources = k8sDocs.filter((doc) => doc.kind !== 'Kustomization');

/** The one object of a kind (and component label); throws, failing the test, if there is not exactly one. */
function one(kind: string, component?: string): Manifest {
  const found = resources.filter((doc) => doc.kind === kind && (component === undefined || doc.metadata?.labels?.['app.kubernetes.io/component'] === component));
  if (found.length !== 1) throw new Error(`expected one ${kind}${component ? ` (component ${component})` : ''} under infra/k8s, found ${found.length}`);
  return found[0];
}

function containersOf(deployment: Manifest): Container[] {
  const spec = deployment.spec?.template?.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}

function mainContainer(deployment: Manifest): Container {
  const containers: Container[] = deployment.spec?.template?.spec?.containers ?? [];
  if (containers.length === 0) throw new Error(`${deployment.metadata?.name} has no container`);
  return containers[0];
}

/** A probe's or Service's port (number or container port name) as a number. */
function resolvePort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return Number(port);
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}

function commandLine(container: Container): string {
  return [...(container.command ?? []), ...(container.args ?? [])].join(' ');
}

function secretKeys(secret: Manifest): string[] {
  return [...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})];
}

function secretValues(secret: Manifest): string[] {
  const encoded = Object.values<string>(secret.data ?? {}).map((value) => Buffer.from(value, 'base64').toString('utf8'));
  return [...encoded, ...Object.values<string>(secret.stringData ?? {}).map(String)];
}

describe('every manifest parses', () => {
  it('finds the Kubernetes manifests', () => {
    expect(k8sFiles).toEqual(expect.arrayContaining(['namespace.yaml', 'configmap.yaml', 'secret.yaml', 'api-deployment.yaml', 'worker-deployment.yaml', 'api-service.yaml']));
  });

  it.each([...k8sFiles.map((name) => `k8s/${name}`), 'compose.yaml'])('%s parses without errors or warnings', (name) => {
    const parsed = parseYamlFile(join(infra, name));
    expect(parsed.errors).toEqual([]);
    expect(parsed.docs.length).toBeGreaterThan(0);
  });

  it('gives every Kubernetes object an apiVersion, a kind, a name and the convenio namespace', () => {
    for (const doc of resources) {
      expect(typeof doc.apiVersion).toBe('string');
      expect(typeof doc.kind).toBe('string');
      expect(typeof doc.metadata?.name).toBe('string');
      expect(doc.metadata?.name).not.toBe('');
      if (doc.kind !== 'Namespace') expect({ kind: doc.kind, namespace: doc.metadata?.namespace }).toEqual({ kind: doc.kind, namespace: 'convenio' });
    }
  });

  it('lists every manifest in kustomization.yaml, and only files that exist', () => {
    const kustomization = k8sDocs.find((doc) => doc.kind === 'Kustomization');
    if (!kustomization) return; // optional
    const listed: string[] = kustomization.resources ?? [];
    expect([...listed].sort()).toEqual(k8sFiles.filter((name) => name !== 'kustomization.yaml'));
  });
});

describe('Kubernetes: API', () => {
  let api: Manifest;
  let container: Container;
  beforeAll(() => {
    api = one('Deployment', 'api');
    container = mainContainer(api);
  });

  it('runs at least two replicas of backend/dist/main.js, or the image default', () => {
    expect(api.spec.replicas).toBeGreaterThanOrEqual(2);
    const command = commandLine(container);
    if (command !== '') expect(command).toContain('backend/dist/main.js');
  });

  it('selects its own pods', () => {
    const labels = api.spec.template.metadata.labels;
    expect(labels).toMatchObject({ 'app.kubernetes.io/name': 'convenio', 'app.kubernetes.io/component': 'api' });
    expect(labels).toMatchObject(api.spec.selector.matchLabels);
  });

  it('exposes container port 3000', () => {
    expect(container.ports?.map((port) => port.containerPort)).toContain(API_PORT);
  });

  it.each(['readinessProbe', 'livenessProbe'])('has a %s on GET /api/health, port 3000, with timings', (probeName) => {
    const probe = container[probeName];
    expect(probe?.httpGet?.path).toBe(HEALTH_PATH);
    expect(resolvePort(container, probe?.httpGet?.port)).toBe(API_PORT);
    expect(probe.periodSeconds).toBeGreaterThan(0);
    expect(probe.timeoutSeconds).toBeGreaterThan(0);
    expect(probe.failureThreshold).toBeGreaterThan(0);
  });

  it('gives the liveness probe more slack than the readiness probe', () => {
    const budget = (probe: { periodSeconds: number; failureThreshold: number }) => probe.periodSeconds * probe.failureThreshold;
    expect(budget(container.livenessProbe)).toBeGreaterThan(budget(container.readinessProbe));
  });
});

describe('Kubernetes: Service', () => {
  let api: Manifest;
  let service: Manifest;
  let container: Container;
  beforeAll(() => {
    api = one('Deployment', 'api');
    service = one('Service');
    container = mainContainer(api);
  });

  it('is a ClusterIP Service on port 80', () => {
    expect(service.spec.type ?? 'ClusterIP').toBe('ClusterIP');
    expect(service.spec.ports.map((port: { port: number }) => port.port)).toContain(80);
  });

  it('selects the API pods (and not the worker pods)', () => {
    const selector: Record<string, string> = service.spec.selector;
    expect(Object.keys(selector).length).toBeGreaterThan(0);
    expect(api.spec.template.metadata.labels).toMatchObject(selector);
    const worker = one('Deployment', 'worker');
    expect(worker.spec.template.metadata.labels).not.toMatchObject(selector);
  });

  it('targets the API container port', () => {
    for (const port of service.spec.ports) {
      expect(resolvePort(container, port.targetPort ?? port.port)).toBe(API_PORT);
    }
  });
});

describe('Kubernetes: worker', () => {
  let worker: Manifest;
  let container: Container;
  beforeAll(() => {
    worker = one('Deployment', 'worker');
    container = mainContainer(worker);
  });

  it('runs at least two replicas of backend/dist/worker.js', () => {
    expect(worker.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(commandLine(container)).toContain('backend/dist/worker.js');
    expect(worker.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'convenio', 'app.kubernetes.io/component': 'worker' });
    expect(worker.spec.template.metadata.labels).toMatchObject(worker.spec.selector.matchLabels);
  });

  it('has no HTTP probe (it serves no port)', () => {
    for (const probeName of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      expect(container[probeName]?.httpGet).toBeUndefined();
    }
  });
});

describe('Kubernetes: configuration and secrets', () => {
  let configMap: Manifest;
  let secret: Manifest;
  beforeAll(() => {
    configMap = one('ConfigMap');
    secret = one('Secret');
  });

  it.each(['api', 'worker'])('the %s takes its environment from the ConfigMap and the Secret of this folder', (component) => {
    for (const container of containersOf(one('Deployment', component))) {
      const envFrom = container.envFrom ?? [];
      expect(envFrom.map((source: { configMapRef?: { name: string } }) => source.configMapRef?.name)).toContain(configMap.metadata?.name);
      expect(envFrom.map((source: { secretRef?: { name: string } }) => source.secretRef?.name)).toContain(secret.metadata?.name);
    }
  });

  it('provides every required variable', () => {
    const provided = [...Object.keys(configMap.data ?? {}), ...secretKeys(secret)];
    expect(provided).toEqual(expect.arrayContaining(REQUIRED_VARIABLES));
  });

  it('keeps the secrets in the Secret, not in the ConfigMap', () => {
    expect(secretKeys(secret)).toEqual(expect.arrayContaining(SECRET_VARIABLES));
    for (const key of SECRET_VARIABLES) expect(Object.keys(configMap.data ?? {})).not.toContain(key);
  });

  it('holds placeholders only', () => {
    for (const value of secretValues(secret)) expect(value).toContain('change-me');
  });

  it('sets production defaults in the ConfigMap', () => {
    expect(configMap.data).toMatchObject({ NODE_ENV: 'production', PORT: String(API_PORT), SEED: 'none' });
  });
});

describe('Kubernetes: pod security', () => {
  const deployments = resources.filter((doc) => doc.kind === 'Deployment');

  it('finds the deployments', () => {
    expect(deployments.length).toBeGreaterThanOrEqual(2);
  });

  it('runs no container privileged, as root or with privilege escalation', () => {
    for (const deployment of deployments) {
      const podContext = deployment.spec.template.spec.securityContext ?? {};
      for (const container of containersOf(deployment)) {
        const context = { ...podContext, ...(container.securityContext ?? {}) };
        const where = `${deployment.metadata?.name}/${container.name}`;
        expect({ where, privileged: context.privileged === true }).toEqual({ where, privileged: false });
        expect({ where, runAsNonRoot: context.runAsNonRoot }).toEqual({ where, runAsNonRoot: true });
        expect({ where, runAsUser: context.runAsUser === 0 }).toEqual({ where, runAsUser: false });
        expect({ where, allowPrivilegeEscalation: context.allowPrivilegeEscalation }).toEqual({ where, allowPrivilegeEscalation: false });
      }
    }
  });

  it('sets resource requests and limits on every container', () => {
    for (const deployment of deployments) {
      for (const container of containersOf(deployment)) {
        expect(container.resources?.requests).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
        expect(container.resources?.limits).toEqual(expect.objectContaining({ memory: expect.anything() }));
      }
    }
  });
});

describe('compose.yaml', () => {
  const [compose] = parseYamlFile(composeFile).docs;
  const services = compose.services ?? {};

  /** A service's environment as a map, whether written as a map or a list. */
  function environment(service: { environment?: Record<string, unknown> | string[] }): Record<string, string> {
    const env = service.environment ?? {};
    if (Array.isArray(env)) return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
    return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
  }

  it('has postgres, redis, api and worker', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'api', 'worker']));
  });

  it('checks the health of postgres (pg_isready, a named volume) and redis', () => {
    expect(String(services.postgres.image)).toMatch(/^postgres:16/);
    expect(JSON.stringify(services.postgres.healthcheck?.test)).toContain('pg_isready');
    const volume = String(services.postgres.volumes?.[0] ?? '').split(':')[0];
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    expect(String(services.redis.image)).toMatch(/^redis:7/);
    expect(services.redis.healthcheck?.test).toBeDefined();
    expect(services.redis.healthcheck?.disable).not.toBe(true);
  });

  it.each(['api', 'worker'])('starts the %s only once postgres and redis are healthy', (name) => {
    expect(services[name].depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('publishes the API on 3000 and runs the worker entry point', () => {
    expect((services.api.ports ?? []).map(String)).toContain('3000:3000');
    expect(services.api.build).toBeDefined();
    expect([services.worker.command ?? []].flat().join(' ')).toContain('backend/dist/worker.js');
  });

  it.each(['api', 'worker'])('gives the %s every required variable, secrets without defaults', (name) => {
    const env = environment(services[name]);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(REQUIRED_VARIABLES));
    for (const key of SECRET_VARIABLES) {
      expect({ key, value: env[key] }).toEqual({ key, value: expect.stringMatching(/\$\{[A-Z_]+:\?[^}]*\}/) });
      expect({ key, value: env[key] }).toEqual({ key, value: expect.not.stringMatching(/\$\{[A-Z_]+:?-/) });
    }
  });
});

describe('Dockerfile', () => {
  // Join continuation lines, drop comments and blank lines.
  const instructions = readFileSync(dockerfile, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const keyword = (line: string) => line.split(/\s+/)[0].toUpperCase();
  const fromIndexes = instructions.flatMap((line, index) => (keyword(line) === 'FROM' ? [index] : []));
  const finalStage = instructions.slice(fromIndexes[fromIndexes.length - 1]);
  const last = (name: string) => [...finalStage].reverse().find((line) => keyword(line) === name);
  const argument = (line: string | undefined) => (line ?? '').replace(/^\S+\s+/, '');

  it('is multi-stage and its final stage is FROM node:22', () => {
    expect(fromIndexes.length).toBeGreaterThanOrEqual(3);
    expect(argument(finalStage[0]).split(/\s+/).filter((word) => !word.startsWith('--'))[0]).toMatch(/^node:22(\b|-|$)/);
  });

  it('runs as a non-root user in production mode', () => {
    const user = argument(last('USER')).split(':')[0];
    expect(user).not.toBe('');
    expect(['root', '0']).not.toContain(user);
    expect(finalStage.filter((line) => keyword(line) === 'ENV').join(' ')).toMatch(/NODE_ENV[= ]production/);
  });

  it('starts the API by default, exposes 3000 and checks /api/health', () => {
    const cmd = JSON.parse(argument(last('CMD'))) as string[];
    expect(cmd).toEqual(['node', 'backend/dist/main.js']);
    expect(argument(last('EXPOSE')).split(/\s+/)).toContain(String(API_PORT));
    expect(last('HEALTHCHECK')).toContain(HEALTH_PATH);
  });

  it('installs from the lockfile, builds with nx and drops dev dependencies', () => {
    const run = instructions.filter((line) => keyword(line) === 'RUN').join('\n');
    expect(run).toMatch(/npm ci\b/);
    expect(run).toMatch(/nx run-many -t build/);
    expect(run).toMatch(/npm (prune|ci|install)\b[^\n]*--omit=dev/);
  });

  it('ships backend/data next to backend/dist (the reference data migration reads it)', () => {
    const build = instructions.filter((line) => keyword(line) === 'RUN').join('\n');
    expect(build).toMatch(/cp -a backend\/data \/out\/backend\//);
    expect(build).toMatch(/test -f \/out\/backend\/data\/reference\/entidades\.csv/);
    expect(finalStage.filter((line) => keyword(line) === 'COPY').join('\n')).toMatch(/--from=build \/out\/ \.\//);
    const ignored = readFileSync(join(infra, '..', '.dockerignore'), 'utf8').split(/\r?\n/).map((line) => line.trim());
    expect(ignored.some((pattern) => /(^|\/)data(\/|$)/.test(pattern))).toBe(false);
  });

  it('has a .dockerignore at the repository root that leaves out local build state', () => {
    const ignore = join(infra, '..', '.dockerignore');
    expect(existsSync(ignore)).toBe(true);
    const patterns = readFileSync(ignore, 'utf8').split(/\r?\n/).map((line) => line.trim());
    expect(patterns).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.data', '.nx', '.angular', 'reports']));
  });
});
