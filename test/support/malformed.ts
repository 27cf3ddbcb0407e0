import fc from "fast-check";

/** A JSON Schema as OpenAPI publishes it (the parts the generator reads). */
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

export type Operation = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The OpenAPI path, `{name}` for each path parameter. */
  path: string;
  pathParams: Array<{ name: string; schema: Schema }>;
  queryParams: Array<{ name: string; schema: Schema; required: boolean }>;
  /** The JSON body's schema, or undefined where the route declares none (it still gets bodies). */
  body?: Schema;
};

export type GeneratedRequest = {
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
};

type Parameter = { in: string; name: string; required?: boolean; schema: Schema };
type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }
    >
  >;
};

/** Every operation of an OpenAPI document, with its declared inputs. */
export function operationsOf(doc: OpenApi): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      out.push({
        method: method.toUpperCase() as Operation["method"],
        path,
        pathParams: params.filter((p) => p.in === "path").map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: params
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, schema: p.schema, required: p.required === true })),
        body: op.requestBody?.content?.["application/json"]?.schema,
      });
    }
  return out;
}

const DEEP = `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`;
const DEEP_ARRAY = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;

/** Text that no field should take, or that sits on a boundary. */
const badText = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007bell",
  "line\nbreak",
  "tab\there",
  "\u202egnp.exe",
  "a\u2066b\u2069",
  "\u200b",
  "\ud800",
  "x".repeat(10_001),
  "2026-02-30",
  "2021-02-29",
  "0000-00-00",
  "9999-12-31",
  "2020-13-01",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e400",
  "9999999999999999",
  "99999999999999999999",
  "9007199254740993",
  "garbage",
  "%00",
  "' OR 1=1 --",
  "null",
  "true",
  "[]",
  "{}",
  "王",
  "0x10",
  " 1",
  "1.5",
);

const badNumber = fc.constantFrom(
  -1,
  0,
  1.5,
  -0.5,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  999_999_999_999_999,
  1_000_000_000_000_000,
);

/** Any value of the wrong kind for a field. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  badText,
  badNumber,
  fc.constantFrom(null, true, false, [], {}, [1, "a"], { a: 1 }, [[[[[[[[]]]]]]]]),
  fc.jsonValue({ maxDepth: 3 }),
);

const pick = (s: Schema): Schema => {
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return alts.find((a) => a.type !== "null") ?? alts[0]!;
  if (s.allOf?.length) return Object.assign({}, ...s.allOf);
  return s;
};

/** A value that the schema would take (or nearly), to reach the code behind the schema. */
function plausible(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  const s = pick(schema);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "string":
      if (s.pattern) return matching(s.pattern, Math.min(s.maxLength ?? 40, 40));
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
    case "integer":
      // small ids often, so that requests reach the rows the test seeded
      return fc.oneof(
        fc.constantFrom(1, 2, 3),
        fc.integer({
          min: Math.max(s.minimum ?? (s.exclusiveMinimum ?? -1000) + 1, -1e9),
          max: Math.min(s.maximum ?? 1e9, 1e9),
        }),
      );
    case "number":
      return fc.double({ noNaN: true, min: -1e9, max: 1e9 });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(plausible(s.items, depth + 1), { maxLength: 3 });
    case "object":
      return plausibleObject(s, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Plans the test app installs, so that plan-scoped requests reach a plan. */
const knownPlan = fc.oneof(
  fc.constantFrom("xianghubao", "shuidi"),
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/),
);

function plausibleObject(s: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  const arbs = Object.fromEntries(
    props.map(([k, v]) => [k, /^plan(Id)?$/.test(k) ? knownPlan : plausible(v, depth + 1)]),
  );
  return fc.record(arbs, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
}

/** Strings of a pattern where fast-check can read it; any short string where it cannot. */
function matching(pattern: string, maxLength: number): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern), { maxLength });
  } catch {
    return fc.string({ maxLength });
  }
}

/** A plausible body with one thing wrong: a field of the wrong kind, one missing, one extra. */
function malformedBody(schema: Schema | undefined): fc.Arbitrary<string | Buffer | undefined> {
  const asJson = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.stringify(v) ?? "null");
  const props = Object.keys(pick(schema ?? {}).properties ?? {});
  const mutated =
    props.length === 0
      ? asJson(badValue)
      : fc
          .tuple(
            plausible(schema) as fc.Arbitrary<Record<string, unknown>>,
            fc.constantFrom(...props),
            badValue,
          )
          .chain(([o, k, bad]) =>
            fc.constantFrom(
              JSON.stringify({ ...o, [k]: bad }),
              JSON.stringify(Object.fromEntries(Object.entries(o).filter(([key]) => key !== k))),
              JSON.stringify({ ...o, unexpected: bad }),
            ),
          );
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 2, arbitrary: asJson(plausible(schema)) },
    { weight: 1, arbitrary: asJson(badValue) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string | Buffer | undefined>(
        DEEP,
        DEEP_ARRAY,
        "{",
        "not json",
        "",
        undefined,
        '{"__proto__":{"polluted":1}}',
        '{"constructor":{"prototype":{"x":1}}}',
        Buffer.from("%PDF-1.4\n%%EOF\n"),
      ),
    },
  );
}

/** A path parameter: a value of the schema, or one that is not. */
const pathValue = (s: Schema) =>
  fc.oneof(
    { weight: 2, arbitrary: plausible(s).map(String) },
    { weight: 1, arbitrary: fc.constantFrom("1", "2", "3", "xianghubao") },
    { weight: 3, arbitrary: badText },
  );

const queryValue = (name: string, s: Schema) =>
  fc.oneof(
    { weight: 2, arbitrary: (/^plan(Id)?$/.test(name) ? knownPlan : plausible(s)).map(String) },
    { weight: 3, arbitrary: badText },
  );

const headersArb = fc
  .record(
    {
      "content-type": fc.oneof(
        { weight: 8, arbitrary: fc.constant("application/json") },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            "application/json; charset=utf-8",
            "text/plain",
            "application/pdf",
            "image/png",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
          ),
        },
      ),
      "idempotency-key": fc.oneof(fc.uuid(), fc.constantFrom("", "k", "x".repeat(201), "key with spaces")),
      "x-signature": fc.constantFrom("t=1,v1=00", "garbage", ""),
    },
    { requiredKeys: ["content-type"] },
  )
  .map((h) => h as Record<string, string>);

/** A path part as a client would send it; a lone surrogate goes as the bytes it would be (not UTF-8). */
function encodePathPart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

/** One generated request for an operation: path, query, headers and body, each possibly malformed. */
export function requestFor(op: Operation): fc.Arbitrary<GeneratedRequest> {
  const path = fc.tuple(...op.pathParams.map((p) => pathValue(p.schema))).map((values) => {
    let url = op.path;
    op.pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodePathPart(values[i] as string));
    });
    return url;
  });
  const query = fc
    .tuple(
      ...op.queryParams.map((p) =>
        fc.option(queryValue(p.name, p.schema), { nil: undefined, freq: p.required ? 5 : 2 }),
      ),
      fc.option(fc.tuple(fc.constantFrom("extra", "cursor", "state", "on"), badText), { freq: 3 }),
    )
    .map((values) => {
      const q = new URLSearchParams();
      op.queryParams.forEach((p, i) => {
        const v = values[i] as string | undefined;
        if (v !== undefined) q.append(p.name, v);
      });
      const extra = values[op.queryParams.length] as [string, string] | null;
      if (extra) q.append(extra[0], extra[1]);
      return q.toString();
    });
  const hasBody = op.method !== "GET";
  return fc
    .record({
      path,
      query,
      headers: headersArb,
      payload: hasBody ? malformedBody(op.body) : fc.constant(undefined),
    })
    .map(({ path: p, query: q, headers, payload }) => ({
      url: q ? `${p}?${q}` : p,
      headers,
      ...(payload === undefined ? {} : { payload }),
    }));
}
