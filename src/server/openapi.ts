import { readFileSync } from 'node:fs';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { errorSchema } from './response-schemas.js';

/**
 * The OpenAPI 3.1 document of the HTTP API, generated at run time from the routes the server registered:
 * an `onRoute` hook collects method, URL and schema (params, querystring, response) of every /api/v1 route,
 * so a route added anywhere appears without a second list to keep in step. Served as
 * GET /api/v1/openapi.json, with a browsable page at GET /api/v1/docs.
 */

type Json = Record<string, unknown>;

/** One operation as collected from Fastify. */
interface CollectedRoute {
  method: string;
  url: string;
  schema: Json;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Json>; securitySchemes?: Record<string, Json> };
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  style?: string;
  explode?: boolean;
  schema: Json;
  example?: unknown;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: Json }> };
  security?: Json[];
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
}

export const API_PREFIX = '/api/v1';

/**
 * Example values of parameters, by name, overridden by `<path> <name>`: the browsable page pre-fills its
 * forms with them and the contract test requests every operation with them, on the default data.
 */
const PARAMETER_EXAMPLES: Record<string, unknown> = {
  region: 'WA',
  cluster: 'aerospace-vehicles-and-defense',
  layer: 'jp-prefectures',
  year: 2011,
  baseYear: 2007,
  id: 'us-cbp-state-2007-2011',
  classification: 'NAICS2007',
  regions: 'US-53,DE21,JP-01',
  type: 'state',
  country: 'US',
  limit: 5,
  offset: 0,
  level: 2,
  dataset: 'us-cbp-state-2007-2011',
  measure: 'employment',
  format: 'json',
  '/api/v1/export region': 'US-53',
  '/api/v1/industries parent': '31-33',
  '/api/v1/industries level': 3,
  '/api/v1/regions country': 'US',
  '/api/v1/policy/initiatives/{id}/assessment id': 'meti-industrial-cluster-plan',
  '/api/v1/policy/initiatives/{id}/report id': 'meti-industrial-cluster-plan',
  '/api/v1/policy/initiatives/{id}/report format': 'html',
  '/api/v1/regions/{region}/report format': 'html',
  '/api/v1/clusters/{cluster}/report format': 'html',
  '/api/v1/compare/report format': 'html',
  '/api/v1/compare/report regions': 'UKM3,JP-01',
  '/api/v1/cluster-schemes/{scheme} scheme': 'us-benchmark-2016',
};

const ERROR_SCHEMA_NAME = 'ApiError';
const ERROR_SCHEMA_JSON = JSON.stringify(errorSchema);

function packageVersion(): string {
  // src/server and dist/server both sit two folders below package.json
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** Fastify `/regions/:region/clusters` → OpenAPI `/regions/{region}/clusters`. */
export function toOpenApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const clone = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

function operationId(method: string, path: string): string {
  const words = path
    .slice(API_PREFIX.length)
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (s.startsWith('{') ? `by-${s.slice(1, -1)}` : s))
    .flatMap((s) => s.split(/[^A-Za-z0-9]+/))
    .filter((s) => s !== '');
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function exampleFor(path: string, name: string): unknown {
  return PARAMETER_EXAMPLES[`${path} ${name}`] ?? PARAMETER_EXAMPLES[name];
}

function parametersOf(path: string, schema: Json, location: 'path' | 'query'): OpenApiParameter[] {
  const object = schema as { properties?: Record<string, Json>; required?: string[]; patternProperties?: Record<string, Json> };
  const required = new Set(object.required ?? []);
  const parameters: OpenApiParameter[] = [];
  for (const [name, property] of Object.entries(object.properties ?? {})) {
    const { description, ...rest } = clone(property) as Json & { description?: string };
    const example = exampleFor(path, name);
    parameters.push({
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
      ...(example === undefined ? {} : { example }),
    });
  }
  // `year.US=2011`: names matching a pattern are a form-exploded object parameter
  for (const [pattern, property] of Object.entries(object.patternProperties ?? {})) {
    parameters.push({
      name: pattern.replace(/^\^|\$$/g, '').replace(/\\\./g, '.').replace(/\[A-Za-z\]\{2\}/g, 'CC'),
      in: location,
      required: false,
      description: `parameters whose names match ${pattern}, e.g. year.US=2011`,
      style: 'form',
      explode: true,
      schema: { type: 'object', patternProperties: { [pattern]: clone(property) }, additionalProperties: false },
    });
  }
  return parameters;
}

function responsesOf(schema: Json): OpenApiOperation['responses'] {
  const responses: OpenApiOperation['responses'] = {};
  const declared = (schema.response ?? {}) as Record<string, Json>;
  for (const [status, response] of Object.entries(declared)) {
    if (JSON.stringify(response) === ERROR_SCHEMA_JSON) {
      responses[status] = {
        description: String(errorSchema.description),
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` } } },
      };
    } else if (response.content !== undefined) {
      responses[status] = { description: String(response.description ?? ''), content: clone(response.content) as Record<string, { schema: Json }> };
    } else if (response.type === 'null') {
      responses[status] = { description: String(response.description ?? '') };
    } else {
      responses[status] = { description: String(response.description ?? ''), content: { 'application/json': { schema: clone(response) } } };
    }
  }
  return responses;
}

function tagOf(path: string, schema: Json): string[] {
  if (Array.isArray(schema.tags)) return schema.tags.map(String);
  const first = path.slice(API_PREFIX.length).split('/').find((s) => s !== '') ?? 'api';
  return [first === 'openapi.json' || first === 'docs' ? 'documentation' : first];
}

/** Builds the document from collected routes (exported for tests; the server uses {@link registerOpenApi}). */
export function buildOpenApiDocument(routes: readonly CollectedRoute[], version = packageVersion()): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const tags = new Set<string>();
  for (const route of routes) {
    const path = toOpenApiPath(route.url);
    const responses = responsesOf(route.schema);
    const operation: OpenApiOperation = {
      operationId: operationId(route.method, path),
      summary: String(route.schema.summary ?? responses['200']?.description ?? `${route.method} ${path}`),
      tags: tagOf(path, route.schema),
      parameters: [
        ...(route.schema.params ? parametersOf(path, route.schema.params as Json, 'path') : []),
        ...(route.schema.querystring ? parametersOf(path, route.schema.querystring as Json, 'query') : []),
      ],
      ...(route.schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: clone(route.schema.body as Json) } } } } : {}),
      // a body Fastify does not parse as JSON (an uploaded file): `schema.requestBody` is copied as documented
      ...(route.schema.requestBody ? { requestBody: { required: true, ...(clone(route.schema.requestBody as Json) as { content: Record<string, { schema: Json }> }) } } : {}),
      ...(Array.isArray(route.schema.security) ? { security: clone(route.schema.security) as unknown as Json[] } : {}),
      responses,
    };
    for (const tag of operation.tags) tags.add(tag);
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.1.0',
    info: {
      title: 'ClusterLens API',
      version,
      description: 'Industrial cluster analysis over HTTP. Errors are `{ error: { code, message, details } }`: 404 unknown names, 422 invalid input.',
    },
    servers: [{ url: '/' }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths: sortedPaths,
    components: {
      schemas: { [ERROR_SCHEMA_NAME]: clone(errorSchema) },
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'an API token (POST /api/v1/auth/tokens or `clusterlens tokens create`)' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'clusterlens_session', description: 'browser session from POST /api/v1/auth/login; writes also need the x-csrf-token header' },
      },
    },
  };
}

/** Routes the document covers: every /api/v1 route but HEAD (Fastify adds one per GET) and hidden ones. */
export function isDocumented(method: string, url: string, schema: Json | undefined): boolean {
  return url.startsWith(`${API_PREFIX}/`) && method !== 'HEAD' && schema?.hide !== true;
}

/**
 * Collects the routes registered from now on and serves the document and the page. Call it before any
 * route is registered; the document is built on first request, when every route is known.
 */
export function registerOpenApi(app: FastifyInstance): void {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const schema = (route.schema ?? {}) as Json;
      if (isDocumented(method, route.url, schema)) routes.push({ method, url: route.url, schema });
    }
  });
  let document: OpenApiDocument | undefined;
  const current = (): OpenApiDocument => (document ??= buildOpenApiDocument(routes));

  app.get(`${API_PREFIX}/openapi.json`, {
    schema: { response: { 200: { description: 'this OpenAPI 3.1 document', type: 'object', required: ['openapi', 'info', 'paths'], additionalProperties: true } } },
  }, async (_request, reply) => reply.type('application/json; charset=utf-8').send(JSON.stringify(current())));

  app.get(`${API_PREFIX}/docs`, {
    schema: { response: { 200: { description: 'a browsable page of this document', content: { 'text/html': { schema: { type: 'string' } } } } } },
  }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(docsPage(current())));
}

/**
 * Problems with an OpenAPI 3 document's required structure (empty when none): openapi version, info
 * title and version, paths with operations that have responses with descriptions, parameters with name,
 * in and schema, path templates that match the declared path parameters, and $refs that resolve.
 */
export function validateOpenApiDocument(document: unknown): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(document)) return ['the document is not an object'];
  if (typeof document.openapi !== 'string' || !/^3\.(0|1)\.\d+$/.test(document.openapi)) problems.push('openapi: not a 3.0.x or 3.1.x version');
  const info = document.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') problems.push('info: title and version are required strings');
  if (!isObject(document.paths)) return [...problems, 'paths: required object'];
  const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/')) problems.push(`${path}: a path starts with /`);
    if (!isObject(item)) {
      problems.push(`${path}: path item is not an object`);
      continue;
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).sort();
    for (const [method, operation] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!methods.has(method)) continue;
      if (!isObject(operation)) {
        problems.push(`${where}: operation is not an object`);
        continue;
      }
      if (typeof operation.operationId === 'string') {
        if (operationIds.has(operation.operationId)) problems.push(`${where}: duplicate operationId ${operation.operationId}`);
        operationIds.add(operation.operationId);
      }
      const parameters = operation.parameters ?? [];
      if (!Array.isArray(parameters)) problems.push(`${where}: parameters is not an array`);
      const declared: string[] = [];
      const seen = new Set<string>();
      for (const parameter of Array.isArray(parameters) ? parameters : []) {
        if (!isObject(parameter) || typeof parameter.name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(String(parameter.in)) || !isObject(parameter.schema)) {
          problems.push(`${where}: a parameter needs name, in (path|query|header|cookie) and schema: ${JSON.stringify(parameter)}`);
          continue;
        }
        const key = `${String(parameter.in)}:${parameter.name}`;
        if (seen.has(key)) problems.push(`${where}: parameter ${key} declared twice`);
        seen.add(key);
        if (parameter.in === 'path') {
          declared.push(parameter.name);
          if (parameter.required !== true) problems.push(`${where}: path parameter ${parameter.name} must be required`);
        }
      }
      if (JSON.stringify(declared.sort()) !== JSON.stringify(templated)) {
        problems.push(`${where}: path template parameters [${templated.join(', ')}] differ from declared path parameters [${declared.join(', ')}]`);
      }
      if (!isObject(operation.responses) || Object.keys(operation.responses).length === 0) {
        problems.push(`${where}: responses required`);
        continue;
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${where}: response key ${status} is not a status code`);
        if (!isObject(response)) problems.push(`${where} ${status}: response is not an object`);
        else if (typeof response.description !== 'string' && typeof response.$ref !== 'string') problems.push(`${where} ${status}: response description required`);
      }
    }
  }
  const visit = (value: unknown, at: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${at}/${i}`));
    else if (isObject(value)) {
      if (typeof value.$ref === 'string' && resolvePointer(document, value.$ref) === undefined) problems.push(`${at}: $ref ${value.$ref} does not resolve`);
      for (const [k, v] of Object.entries(value)) visit(v, `${at}/${k}`);
    }
  };
  visit(document, '#');
  return problems;
}

/** The value at a local `#/a/b` JSON pointer, or undefined. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let value: unknown = document;
  for (const token of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
    value = (value as Json)[key];
  }
  return value;
}

/** A self-contained page (no CDN, no external script) that renders the document embedded in it. */
function docsPage(document: OpenApiDocument): string {
  const data = JSON.stringify(document).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${document.info.title} ${document.info.version}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem; color: #1b1b1b; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ddd; margin-top: 2rem; text-transform: capitalize; }
details.op { border: 1px solid #ccc; border-radius: 6px; margin: .5rem 0; }
details.op > summary { cursor: pointer; padding: .45rem .7rem; }
details.op > div { padding: 0 .9rem .8rem; }
.method { display: inline-block; min-width: 3.6rem; font-weight: 700; color: #fff; background: #1f6feb; border-radius: 4px; text-align: center; margin-right: .5rem; }
.method.post { background: #1a7f37; } .method.put, .method.patch { background: #9a6700; } .method.delete { background: #cf222e; }
code { font-family: ui-monospace, monospace; } .path { font-family: ui-monospace, monospace; font-weight: 600; }
table { border-collapse: collapse; margin: .4rem 0; } th, td { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; vertical-align: top; }
ul.fields { margin: .2rem 0; padding-left: 1.2rem; } .type { color: #6e7781; } .req { color: #cf222e; }
form.try input { width: 14rem; } form.try label { display: inline-block; margin: .2rem .8rem .2rem 0; }
a.try { font-family: ui-monospace, monospace; word-break: break-all; }
</style>
</head>
<body>
<h1 id="title"></h1>
<p id="description"></p>
<p>The machine-readable document: <a href="openapi.json"><code>openapi.json</code></a>.</p>
<nav id="toc"></nav>
<main id="operations"></main>
<script type="application/json" id="openapi">${data}</script>
<script>
(function () {
  var doc = JSON.parse(document.getElementById('openapi').textContent);
  var el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === 'text') node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  };
  var deref = function (s) {
    if (s && s.$ref && s.$ref.indexOf('#/') === 0) return s.$ref.slice(2).split('/').reduce(function (v, k) { return v && v[k]; }, doc);
    return s || {};
  };
  var typeOf = function (s) {
    s = deref(s);
    if (s.enum) return s.enum.map(function (v) { return JSON.stringify(v); }).join(' | ');
    if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
    var t = Array.isArray(s.type) ? s.type.join(' | ') : (s.type || 'any');
    if (s.type === 'array') t = 'array of ' + typeOf(s.items);
    return t;
  };
  var fields = function (schema, depth) {
    schema = deref(schema);
    if (schema.type === 'array') schema = deref(schema.items);
    if (!schema.properties || depth > 4) return null;
    var required = schema.required || [];
    return el('ul', { class: 'fields' }, Object.keys(schema.properties).map(function (name) {
      var p = deref(schema.properties[name]);
      return el('li', {}, [
        el('code', { text: name }),
        el('span', { class: 'type', text: ' ' + typeOf(p) + (required.indexOf(name) < 0 ? ' (optional)' : '') }),
        p.description ? el('span', { text: ' — ' + p.description }) : null,
        fields(p, depth + 1)
      ]);
    }));
  };
  document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
  document.getElementById('description').textContent = doc.info.description || '';
  var byTag = {};
  Object.keys(doc.paths).forEach(function (path) {
    Object.keys(doc.paths[path]).forEach(function (method) {
      var op = doc.paths[path][method];
      (op.tags || ['api']).forEach(function (tag) { (byTag[tag] = byTag[tag] || []).push({ path: path, method: method, op: op }); });
    });
  });
  var main = document.getElementById('operations');
  var toc = document.getElementById('toc');
  Object.keys(byTag).sort().forEach(function (tag) {
    toc.appendChild(el('a', { href: '#tag-' + tag, text: tag }));
    toc.appendChild(document.createTextNode(' · '));
    main.appendChild(el('h2', { id: 'tag-' + tag, text: tag }));
    byTag[tag].forEach(function (entry) {
      var op = entry.op, params = op.parameters || [];
      var body = el('div', {});
      if (params.length) {
        body.appendChild(el('h4', { text: 'Parameters' }));
        body.appendChild(el('table', {}, [el('tr', {}, ['name', 'in', 'type', 'required', 'description'].map(function (h) { return el('th', { text: h }); }))].concat(params.map(function (p) {
          return el('tr', {}, [el('td', {}, [el('code', { text: p.name })]), el('td', { text: p.in }), el('td', { text: typeOf(p.schema) }),
            el('td', { class: p.required ? 'req' : '', text: p.required ? 'yes' : 'no' }), el('td', { text: (p.description || '') + (p.schema && p.schema.default !== undefined ? ' (default ' + JSON.stringify(p.schema.default) + ')' : '') })]);
        }))));
      }
      body.appendChild(el('h4', { text: 'Responses' }));
      Object.keys(op.responses).forEach(function (status) {
        var r = op.responses[status];
        var li = el('div', {}, [el('strong', { text: status + ' ' }), el('span', { text: r.description })]);
        Object.keys(r.content || {}).forEach(function (type) {
          li.appendChild(el('div', {}, [el('code', { class: 'type', text: type }), fields(r.content[type].schema, 0)]));
        });
        body.appendChild(li);
      });
      if (entry.method === 'get') {
        var form = el('form', { class: 'try' });
        var link = el('a', { class: 'try', target: '_blank', rel: 'noopener' });
        var update = function () {
          var path = entry.path, query = [];
          params.forEach(function (p) {
            var input = form.elements.namedItem(p.in + ':' + p.name);
            if (!input || input.value === '' || p.style === 'form' && p.explode && p.schema.type === 'object') return;
            if (p.in === 'path') path = path.replace('{' + p.name + '}', encodeURIComponent(input.value));
            else query.push(encodeURIComponent(p.name) + '=' + encodeURIComponent(input.value));
          });
          var url = path + (query.length ? '?' + query.join('&') : '');
          link.href = url; link.textContent = 'GET ' + url;
        };
        params.forEach(function (p) {
          if (p.style === 'form' && p.explode && p.schema.type === 'object') return;
          var input = el('input', { name: p.in + ':' + p.name, placeholder: p.name });
          if (p.example !== undefined) input.value = String(p.example);
          input.addEventListener('input', update);
          form.appendChild(el('label', { text: p.name + ' ' }, [input]));
        });
        body.appendChild(el('h4', { text: 'Try it' }));
        body.appendChild(form);
        body.appendChild(link);
        update();
      }
      main.appendChild(el('details', { class: 'op', id: op.operationId }, [
        el('summary', {}, [el('span', { class: 'method ' + entry.method, text: entry.method.toUpperCase() }), el('span', { class: 'path', text: entry.path }), el('span', { text: ' — ' + op.summary })]),
        body
      ]));
    });
  });
})();
</script>
</body>
</html>
`;
}
