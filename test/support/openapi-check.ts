// Checks real responses against the OpenAPI 3.1 document the service serves: every documented
// route must answer with a documented status, content type and a body valid against its schema.
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const Ajv2020 = (Ajv2020Module as unknown as { default: typeof Ajv2020Module.default }).default ?? Ajv2020Module;

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
};

export class OpenApiChecker {
  private readonly ajv: InstanceType<typeof Ajv2020Module.default>;
  private readonly routes: { method: string; template: string; pattern: RegExp }[];
  /** `METHOD template status` of every checked response, to prove coverage. */
  readonly seen = new Set<string>();

  constructor(private readonly doc: Doc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormats as unknown as (a: unknown) => void)(this.ajv);
    this.ajv.addSchema({ $id: 'doc', components: doc.components } as never);
    this.routes = Object.entries(doc.paths).flatMap(([template, ops]) =>
      Object.keys(ops).map((method) => ({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
      })),
    );
  }

  /** Documented (method, path) pairs. */
  documented(): string[] {
    return this.routes.map((r) => `${r.method} ${r.template}`);
  }

  check(method: string, url: string, status: number, contentType: string, body: unknown): void {
    const path = url.split('?')[0]!;
    if (!path.startsWith('/v1/')) return;
    // Literal paths win over templated ones (/segments/counts before /segments/{id}).
    const candidates = this.routes.filter((r) => r.method === method && r.pattern.test(path));
    const route = candidates.find((r) => !r.template.includes('{')) ?? candidates[0];
    if (!route) {
      if (status !== 404 && status !== 401 && status !== 415 && status !== 413) throw new Error(`${method} ${path} answered ${status} but is not documented`);
      return;
    }
    const op = this.doc.paths[route.template]![method.toLowerCase()]!;
    const response = op.responses[String(status)];
    if (!response) throw new Error(`${method} ${route.template} answered ${status}, which is not documented`);
    this.seen.add(`${method} ${route.template} ${status}`);
    if (!response.content) return;
    const mediaType = contentType.split(';')[0]!.trim();
    const media = response.content[mediaType];
    if (!media) throw new Error(`${method} ${route.template} ${status} answered ${mediaType}; documented: ${Object.keys(response.content).join(', ')}`);
    if (mediaType === 'text/csv') return;
    const schema = JSON.parse(JSON.stringify(media.schema).replace(/"#\/components\//g, '"doc#/components/'));
    const validate = this.ajv.compile(schema);
    if (!validate(body)) {
      throw new Error(`${method} ${route.template} ${status} body does not match the OpenAPI schema: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
    }
  }
}
