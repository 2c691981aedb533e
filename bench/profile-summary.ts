/**
 * `node dist/bench/profile-summary.js <file.cpuprofile>`: where the API's CPU time went, by
 * layer. Each sample is put in the innermost frame's layer that matches, walking outwards.
 * For a profile from BENCH_TRANSITIONS_ONLY=1 BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/wijkflow-profiles"
 * npm run bench (see bench/run.ts).
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const LAYERS: [string, RegExp][] = [
  ['writing queries to the PostgreSQL socket', /pg\/lib\/(query|connection)\.js/],
  ['JWT verification (passport-jwt, jsonwebtoken)', /passport|jsonwebtoken|jws|jwa|jwt\.strategy/],
  [
    'validation (class-validator, class-transformer, pipes)',
    /class-validator|class-transformer|validation\.pipe|storable-text|case-event\.dto/,
  ],
  ['workflow (XState, applyEvent, availableEvents)', /xstate|libs\/workflows/],
  ['TypeORM', /typeorm\//],
  ['pg protocol and results', /pg-protocol|pg\/lib\/(result|client)/],
  ['logging (pino)', /pino/],
  ['Nest pipeline (router, guards, interceptors, filters)', /@nestjs\/(core|common)|rxjs/],
  ['Express, helmet, body-parser', /express|router\/|helmet|body-parser|raw-body/],
  ['application code', /dist\/apps/],
  ["Node's HTTP server", /_http_|node:http/],
];
const SPECIAL: Record<string, string> = {
  '(idle)': 'idle',
  '(garbage collector)': 'garbage collection',
  '(program)': 'V8 (program)',
};

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
const byLayer = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const name = byId.get(id)!.callFrame.functionName;
  let layer = Object.hasOwn(SPECIAL, name) ? SPECIAL[name] : undefined;
  for (let cur: number | undefined = id; !layer && cur !== undefined; cur = parent.get(cur)) {
    layer = LAYERS.find(([, re]) => re.test(byId.get(cur!)!.callFrame.url))?.[0];
  }
  layer ??= 'other (start-up, module loading)';
  byLayer.set(layer, (byLayer.get(layer) ?? 0) + profile.timeDeltas[i]);
});
// Shares of the time the process was busy: idle time depends on how long the run waited.
const busy = total - (byLayer.get('idle') ?? 0);
process.stdout.write(`busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s\n`);
for (const [layer, t] of [...byLayer].filter(([l]) => l !== 'idle').sort((a, b) => b[1] - a[1])) {
  process.stdout.write(`${((t / busy) * 100).toFixed(1).padStart(5)}%  ${layer}\n`);
}
