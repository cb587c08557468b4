import fs from 'node:fs';
import path from 'node:path';

/**
 * `node dist/bench/profile.js FILE.cpuprofile…`: where a profiled service spent its time, by
 * package and by function (self time), and the inclusive time of the request path's stages.
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Functions whose inclusive time tells the stages of a request apart. */
const STAGES: readonly string[] = [
  'jsonParser',
  'pinoLogger',
  'guardBody',
  'handleRequest',
  'validateRequest',
  'jwtVerify',
  'transactional',
  'executeQuery',
  'json',
];

/** Where a package's time belongs in a request's life. */
const LAYERS: readonly (readonly [RegExp, string])[] = [
  [/^(sqlite .*|better-sqlite3)$/, 'SQLite (better-sqlite3)'],
  [/^(knex|@mikro-orm\/.*|tarn|lodash|sqlstring-sqlite|pg.*)$/, 'knex + MikroORM (+ pg driver)'],
  [/^(openapi-backend|ajv.*|fast-uri|bath-es5|.*json-schema.*)$/, 'openapi-backend + ajv'],
  [/^(express|router|body-parser|raw-body|.*type.*|qs|iconv-lite)$/, 'HTTP: node, express'],
  [/^(parseurl|path-to-regexp|on-finished|debug|node internals)$/, 'HTTP: node, express'],
  [/^(@?pino.*|sonic-boom|.*stringify.*)$/, 'pino'],
  [/^jose$/, 'jose (JWT)'],
  [/^service /, 'service code (src/, bench/)'],
  [/^\(garbage collector\)$/, 'garbage collector'],
  [/^\((native|program)\)$/, 'other native: sockets, promises, profiler'],
];

const SQLITE_CALLS = new Set(['run', 'all', 'get', 'Statement', 'exec', 'pragma']);

function layerOf(where: string, name: string): string {
  const key = where === '(native)' && SQLITE_CALLS.has(name) ? `sqlite ${name}` : where;
  return LAYERS.find(([pattern]) => pattern.test(key))?.[1] ?? `other: ${where}`;
}

function packageOf(url: string, name: string): string {
  if (url === '') {
    return name.startsWith('(') ? name : '(native)';
  }
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) {
    return 'node internals';
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? `service ${path.dirname(url.slice(dist + '/dist/'.length))}` : url;
}

function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return self;
}

function addTo(map: Map<string, number>, key: string, micros: number): void {
  map.set(key, (map.get(key) ?? 0) + micros);
}

/** Inclusive time of each stage, counting a stage once even where it recurses. */
function stageTimes(profile: CpuProfile, self: Map<number, number>): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const stages = new Map<string, number>();
  const walk = (id: number, open: ReadonlySet<string>): void => {
    const node = byId.get(id);
    if (!node) {
      return;
    }
    const name = node.callFrame.functionName;
    const inside = STAGES.includes(name) && !open.has(name) ? new Set([...open, name]) : open;
    const micros = self.get(id) ?? 0;
    inside.forEach((stage) => addTo(stages, stage, micros));
    node.children?.forEach((child) => walk(child, inside));
  };
  const root = profile.nodes[0];
  if (root) {
    walk(root.id, new Set());
  }
  return stages;
}

function top(map: Map<string, number>, total: number, count: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`);
}

function summarise(file: string): string[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const self = selfTimes(profile);
  const byLayer = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const micros = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = packageOf(url, functionName);
    if (where === '(idle)') {
      continue;
    }
    addTo(byLayer, layerOf(where, functionName), micros);
    addTo(byPackage, where, micros);
    addTo(byFunction, `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`, micros);
  }
  const busy = [...byPackage.values()].reduce((a, b) => a + b, 0);
  return [
    `${path.basename(file)}: ${(busy / 1e6).toFixed(1)} s busy (percentages of busy time)`,
    'self time by layer:',
    ...top(byLayer, busy, LAYERS.length + 4),
    'self time by package:',
    ...top(byPackage, busy, 15),
    'self time by function:',
    ...top(byFunction, busy, 20),
    'inclusive time of request stages:',
    ...top(stageTimes(profile, self), busy, STAGES.length),
  ];
}

for (const file of process.argv.slice(2)) {
  console.log(summarise(file).join('\n'), '\n');
}
