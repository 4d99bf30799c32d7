import { History } from './history';
import { people } from './people';
import type { Deploy } from './scenario';
import { deployTagName } from './telemetryFormat';
/** Repository furniture shared by the three demo monorepos: CI, k8s manifests, .forensics.json. */

export interface ServiceInfo {
  name: string;
  lang: 'go' | 'node' | 'python';
  /** Team handle for CODEOWNERS. */
  team: string;
}

function ciWorkflow(services: ServiceInfo[]): string {
  const jobs = services.map((s) => {
    const dir = `services/${s.name}`;
    const setup =
      s.lang === 'go'
        ? `      - uses: actions/setup-go@v5\n        with:\n          go-version: '1.21'\n      - run: go test ./...\n        working-directory: ${dir}`
        : s.lang === 'node'
          ? `      - uses: actions/setup-node@v4\n        with:\n          node-version: '20'\n      - run: npm ci && npm test\n        working-directory: ${dir}`
          : `      - uses: actions/setup-python@v5\n        with:\n          python-version: '3.11'\n      - run: pip install -e '.[test]' && pytest -q\n        working-directory: ${dir}`;
    return `  ${s.name}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${setup}\n`;
  });
  return `name: ci\non:\n  pull_request:\n  push:\n    branches: [main]\njobs:\n${jobs.join('')}`;
}

function codeowners(services: ServiceInfo[]): string {
  return `# Reviews are requested from the owning team.\n${services.map((s) => `/services/${s.name}/ @healthcare-platform/${s.team}`).join('\n')}\n/deploy/ @healthcare-platform/infrastructure-team\n`;
}

function gitignore(): string {
  return `# build output\nbin/\ndist/\nnode_modules/\n__pycache__/\n*.pyc\n.venv/\ncoverage/\n.pipeline/\n`;
}

export function k8sDeployment(name: string, image: string, replicas: number, env: Record<string, string>, memory = '512Mi'): string {
  const envYaml = Object.entries(env)
    .map(([k, v]) => `            - name: ${k}\n              value: "${v}"`)
    .join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  replicas: ${replicas}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          ports:
            - containerPort: 8080
          env:
${envYaml}
          resources:
            requests:
              cpu: 250m
              memory: ${memory}
            limits:
              memory: ${memory}
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
`;
}

/** `.forensics.json` (interface.md §1 Config) pointing at the untracked `.forensics/` data. */
export function forensicsConfig(opts: {
  services: Record<string, string[]>;
  metrics: string[];
  queries: Record<string, string>;
  deploymentsFile?: string;
  lookbackDays: number;
}): string {
  const config = {
    services: opts.services,
    logs: ['.forensics/logs/**/*'],
    metrics: opts.metrics,
    prometheus: { queries: opts.queries },
    deployments: opts.deploymentsFile ? { file: opts.deploymentsFile, tagPattern: 'deploy/*' } : { tagPattern: 'deploy/*' },
    lookbackDays: opts.lookbackDays,
  };
  return JSON.stringify(config, null, 2) + '\n';
}

/** The deploy tag's annotation, as the pipeline writes it. */
function deployMessage(pipeline: number, services: string[]): string {
  return `Production deploy #${pipeline}\n\nServices: ${services.join(', ')}\nEnvironment: production\n`;
}

/**
 * The start every demo monorepo shares: a history with the README, ignore
 * file, CI workflow and CODEOWNERS written, and `deploy(time, services)`,
 * which tags the current head as a production deploy and records it.
 */
export function startMonorepo(services: ServiceInfo[], readme: string, firstPipeline: number): { h: History; deploys: Deploy[]; deploy: (time: string, svc: string[]) => void } {
  const h = new History();
  const deploys: Deploy[] = [];
  let pipeline = firstPipeline;
  const deploy = (time: string, svc: string[]) => {
    const tag = deployTagName(time);
    deploys.push({ tag, time, services: svc, ref: h.tag(tag, time, deployMessage(pipeline++, svc), people.deployBot) });
  };
  h.write('README.md', readme)
    .write('.gitignore', gitignore())
    .write('.github/workflows/ci.yml', ciWorkflow(services))
    .write('.github/CODEOWNERS', codeowners(services));
  return { h, deploys, deploy };
}
