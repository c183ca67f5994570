/**
 * The parts under the recipes: argument-list edits, import merging, endpoint derivation, the sink
 * table, and planFix's options (scope manager, client id, espree-style plain JS).
 */
import { parse, parseForESLint } from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { applyEdits, planFix } from "../../src/adapters/estree.js";
import { parseConnectionString } from "../../src/core/keys/connection-string.js";
import type { Call } from "../../src/core/fixes/ast.js";
import { moduleBindings, resolveCallee, staticString, constLookup } from "../../src/core/fixes/ast.js";
import { quote } from "../../src/core/fixes/credential.js";
import { rewriteArgs, normalizeEdits } from "../../src/core/fixes/edits.js";
import { deriveEndpoint, isAzureSqlHost, sqlTarget } from "../../src/core/fixes/endpoints.js";
import { ensureImports, fileStyle } from "../../src/core/fixes/imports.js";
import { CREDENTIAL_SLOTS, SINKS, credentialSlotFor, sinksFor } from "../../src/core/fixes/recipes/index.js";
import { scanText } from "../../src/core/index.js";
import { S } from "./cases.js";

const program = (text: string): TSESTree.Program => parse(text, { range: true, loc: true }) as unknown as TSESTree.Program;

function firstCall(p: TSESTree.Program): Call {
  let found: Call | undefined;
  const visit = (n: unknown): void => {
    if (found || !n || typeof n !== "object") return;
    const node = n as { type?: string };
    if (node.type === "CallExpression" || node.type === "NewExpression") {
      found = n as Call;
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== "parent") Array.isArray(v) ? v.forEach(visit) : visit(v);
  };
  visit(p);
  return found!;
}

describe("rewriteArgs", () => {
  const run = (text: string, args: Parameters<typeof rewriteArgs>[2]): string => {
    const edits = rewriteArgs(text, firstCall(program(text)), args)!;
    return applyEdits(text, edits);
  };
  it("replaces, keeps and appends arguments on one line", () => {
    expect(run("f(a, b, c);", [{ text: "X" }, { text: "Y" }, { keep: 2 }])).toBe("f(X, Y, c);");
    expect(run("f(a);", [{ keep: 0 }, { text: "Y" }])).toBe("f(a, Y);");
    expect(run("f();", [{ text: "X" }])).toBe("f(X);");
    expect(run("f(a, b);", [{ keep: 1 }])).toBe("f(b);");
    expect(run("f(a, b);", [{ keep: 0 }])).toBe("f(a);");
    expect(run("f(a, b, c);", [{ keep: 0 }, { text: "N" }, { keep: 2 }])).toBe("f(a, N, c);");
  });
  it("keeps one argument per line when the call is written so", () => {
    expect(run("f(\n  a, // first\n  b,\n);", [{ text: "X" }, { text: "Y" }, { keep: 1 }])).toBe("f(\n  X,\n  Y, // first\n  b,\n);");
  });
  it("refuses kept arguments out of order", () => {
    const text = "f(a, b);";
    expect(rewriteArgs(text, firstCall(program(text)), [{ keep: 1 }, { keep: 0 }])).toBeUndefined();
  });
  it("normalizeEdits refuses overlaps and two insertions at one offset", () => {
    expect(normalizeEdits([{ range: [0, 5], text: "" }, { range: [3, 8], text: "" }])).toBeUndefined();
    expect(normalizeEdits([{ range: [2, 2], text: "a" }, { range: [2, 2], text: "b" }])).toBeUndefined();
    expect(normalizeEdits([{ range: [4, 6], text: "x" }, { range: [0, 1], text: "y" }, { range: [0, 1], text: "y" }])).toEqual([
      { range: [0, 1], text: "y" },
      { range: [4, 6], text: "x" },
    ]);
  });
});

describe("ensureImports", () => {
  const add = (text: string, names: string[], path = "a.ts", drop: string[] = []): string | undefined => {
    const p = program(text);
    const r = ensureImports(p, text, "@azure/identity", names, fileStyle(p, text, path), new Set(drop));
    return r ? applyEdits(text, r.edits) : undefined;
  };
  it("adds a new import after the last import, in the file's quote and semicolon style", () => {
    expect(add("import a from 'a'\nimport { b } from 'b'\n\nuse(a, b)\n", ["DefaultAzureCredential"])).toBe(
      "import a from 'a'\nimport { b } from 'b'\nimport { DefaultAzureCredential } from '@azure/identity'\n\nuse(a, b)\n",
    );
  });
  it("merges into an existing named import and reuses what is there", () => {
    expect(add('import { AzureCliCredential as Cli } from "@azure/identity";\n', ["DefaultAzureCredential", "getBearerTokenProvider"])).toBe(
      'import { AzureCliCredential as Cli, DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";\n',
    );
    expect(add('import { DefaultAzureCredential } from "@azure/identity";\n', ["DefaultAzureCredential"])).toBe(
      'import { DefaultAzureCredential } from "@azure/identity";\n',
    );
  });
  it("adds named imports next to a default import, and ignores type-only imports", () => {
    expect(add('import identity from "@azure/identity";\n', ["DefaultAzureCredential"])).toBe(
      'import identity, { DefaultAzureCredential } from "@azure/identity";\n',
    );
    expect(add('import type { TokenCredential } from "@azure/identity";\nimport x from "x";\n', ["DefaultAzureCredential"])).toBe(
      'import type { TokenCredential } from "@azure/identity";\nimport x from "x";\nimport { DefaultAzureCredential } from "@azure/identity";\n',
    );
  });
  it("puts the import after directives in a file without imports, and before the first statement otherwise", () => {
    expect(add('"use client";\nexport const x = 1;\n', ["DefaultAzureCredential"])).toBe(
      '"use client";\nimport { DefaultAzureCredential } from "@azure/identity";\nexport const x = 1;\n',
    );
    expect(add("// header\nexport const x = 1;\n", ["DefaultAzureCredential"])).toBe(
      '// header\nimport { DefaultAzureCredential } from "@azure/identity";\n\nexport const x = 1;\n',
    );
  });
  it("CommonJS: a require line, or a name added to an existing destructuring", () => {
    expect(add('const a = require("a");\nmodule.exports = a;\n', ["DefaultAzureCredential"], "a.js")).toBe(
      'const a = require("a");\nconst { DefaultAzureCredential } = require("@azure/identity");\nmodule.exports = a;\n',
    );
    expect(add('const { ClientSecretCredential } = require("@azure/identity");\n', ["ManagedIdentityCredential"], "a.cjs", ["ClientSecretCredential"])).toBe(
      'const { ManagedIdentityCredential } = require("@azure/identity");\n',
    );
  });
  it("drops unused key-credential imports, whole statements included", () => {
    expect(add('import { AzureKeyCredential } from "@azure/core-auth";\nimport { X } from "x";\n', ["DefaultAzureCredential"], "a.ts", ["AzureKeyCredential"])).toBe(
      'import { X } from "x";\nimport { DefaultAzureCredential } from "@azure/identity";\n',
    );
    expect(add('import { X } from "x";\nimport { AzureKeyCredential, SearchClient } from "@azure/search-documents";\n', ["DefaultAzureCredential"], "a.ts", ["AzureKeyCredential"])).toBe(
      'import { X } from "x";\nimport { SearchClient } from "@azure/search-documents";\nimport { DefaultAzureCredential } from "@azure/identity";\n',
    );
  });
  it("refuses when the file declares a name it needs", () => {
    expect(add("class DefaultAzureCredential {}\n", ["DefaultAzureCredential"])).toBeUndefined();
  });
});

describe("callee resolution and static strings", () => {
  it("resolves named, namespace, default and require bindings", () => {
    const text = [
      'import { BlobServiceClient as B } from "@azure/storage-blob";',
      'import * as q from "@azure/storage-queue";',
      'import sql from "mssql";',
      'import MapsSearch from "@azure-rest/maps-search";',
      'const { ServiceBusClient } = require("@azure/service-bus");',
      'const tedious = require("tedious");',
      'const TableClient = require("@azure/data-tables").TableClient;',
    ].join("\n");
    const b = moduleBindings(program(text));
    const callee = (src: string) => resolveCallee((program(src).body[0] as TSESTree.ExpressionStatement).expression, b);
    expect(callee("B.fromConnectionString")).toEqual({ module: "@azure/storage-blob", path: ["BlobServiceClient", "fromConnectionString"] });
    expect(callee("q.QueueClient")).toEqual({ module: "@azure/storage-queue", path: ["QueueClient"] });
    expect(callee("sql.connect")).toEqual({ module: "mssql", path: ["connect"] });
    expect(callee("MapsSearch")).toEqual({ module: "@azure-rest/maps-search", path: ["default"] });
    expect(callee("ServiceBusClient")).toEqual({ module: "@azure/service-bus", path: ["ServiceBusClient"] });
    expect(callee("tedious.Connection")).toEqual({ module: "tedious", path: ["Connection"] });
    expect(callee("TableClient.fromConnectionString")).toEqual({ module: "@azure/data-tables", path: ["TableClient", "fromConnectionString"] });
    expect(callee("Unknown.fromConnectionString")).toBeUndefined();
  });
  it("evaluates literals, templates, + chains and consts; not run-time values", () => {
    const p = program('const A = "x"; const B = `${A}y`; f("a" + B, `${process.env.X}`);');
    const call = firstCall(p);
    const lookup = constLookup(p);
    expect(staticString(call.arguments[0]!, lookup)).toBe("axy");
    expect(staticString(call.arguments[1]!, lookup)).toBeUndefined();
  });
});

describe("endpoint derivation", () => {
  const cs = parseConnectionString;
  it("storage: suffix, explicit endpoints, Data Lake", () => {
    const gov = cs("DefaultEndpointsProtocol=https;AccountName=acct9;AccountKey=k;EndpointSuffix=core.usgovcloudapi.net");
    expect(deriveEndpoint("blob", gov)).toEqual({ value: "https://acct9.blob.core.usgovcloudapi.net" });
    expect(deriveEndpoint("dfs", gov)).toEqual({ value: "https://acct9.dfs.core.usgovcloudapi.net" });
    const explicit = cs("BlobEndpoint=https://cdn.contoso.com/;SharedAccessSignature=sv=1&sig=x");
    expect(deriveEndpoint("blob", explicit)).toEqual({ value: "https://cdn.contoso.com" });
    expect("missing" in deriveEndpoint("queue", cs("AccountKey=k"))).toBe(true);
  });
  it("messaging, Cosmos, App Configuration, Web PubSub, Communication, IoT Hub", () => {
    expect(deriveEndpoint("amqp-namespace", cs("Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessKey=k"))).toEqual({ value: "ns1.servicebus.windows.net" });
    expect(deriveEndpoint("cosmos", cs("AccountEndpoint=https://db.documents.azure.com:443/;AccountKey=k"))).toEqual({ value: "https://db.documents.azure.com:443/" });
    expect(deriveEndpoint("app-configuration", cs("Endpoint=https://c.azconfig.io/;Id=i;Secret=s"))).toEqual({ value: "https://c.azconfig.io" });
    expect(deriveEndpoint("web-pubsub", cs("Endpoint=https://w.webpubsub.azure.com;AccessKey=k;Port=8080;Version=1.0;"))).toEqual({ value: "https://w.webpubsub.azure.com:8080" });
    expect(deriveEndpoint("communication", cs("endpoint=https://c.communication.azure.com/;accesskey=k"))).toEqual({ value: "https://c.communication.azure.com" });
    expect(deriveEndpoint("iot-hub-host", cs("HostName=h.azure-devices.net;SharedAccessKeyName=s;SharedAccessKey=k"))).toEqual({ value: "h.azure-devices.net" });
  });
  it("SQL: server, port, database; Azure hosts only", () => {
    expect(sqlTarget(cs("Server=tcp:s1.database.windows.net,1433;Initial Catalog=db;User ID=u;Password=p"))).toEqual({ server: "s1.database.windows.net", port: 1433, database: "db" });
    expect(isAzureSqlHost("s1.database.windows.net")).toBe(true);
    expect(isAzureSqlHost("sql01.corp.local")).toBe(false);
  });
  it("quotes generated strings safely", () => {
    expect(quote('a"b\\c\n', '"')).toBe('"a\\"b\\\\c\\n"');
    expect(quote("it's", "'")).toBe("'it\\'s'");
  });
});

describe("the sink table", () => {
  it("has unique ids and a rewrite or a manual path for every entry", () => {
    const ids = SINKS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SINKS) {
      expect(s.modules.length, s.id).toBeGreaterThan(0);
      expect(s.rewrite !== undefined || s.manual !== undefined, s.id).toBe(true);
      expect(s.secret.arg, s.id).toBeGreaterThanOrEqual(0);
    }
  });
  it("looks up sinks and credential slots by resolved callee", () => {
    expect(sinksFor("@azure/storage-blob", ["BlobServiceClient", "fromConnectionString"], false).map((s) => s.id)).toEqual(["blob-service-from-connection-string"]);
    expect(sinksFor("@azure/cosmos", ["CosmosClient"], true).length).toBe(3);
    expect(sinksFor("@azure/storage-blob", ["BlobServiceClient", "fromConnectionString"], true)).toEqual([]);
    expect(credentialSlotFor("@azure/search-documents", ["SearchClient"], true)?.arg).toBe(2);
    expect(CREDENTIAL_SLOTS.every((s) => s.arg >= 0)).toBe(true);
  });
});

describe("planFix options", () => {
  const text = `import { BlobServiceClient } from "@azure/storage-blob";

const CS = "${S.storageCs}";
function make(CS: string) {
  return CS.length;
}
export const blob = BlobServiceClient.fromConnectionString(CS);
export const n = make("x");
`;
  const finding = () => scanText(text, { path: "a.ts" })[0]!;

  it("without a scope manager, a shadowed name is left to a human", () => {
    const r = planFix({ ast: program(text), text, finding: finding(), credential: "default" });
    expect("manual" in r && r.manual).toMatch(/declared more than once/);
  });

  it("with ESLint's scope manager, references are exact", () => {
    const { ast, scopeManager } = parseForESLint(text, { range: true, loc: true });
    const r = planFix({ ast: ast as unknown as TSESTree.Program, text, finding: finding(), credential: "default", scopeManager: scopeManager as never });
    expect("plan" in r).toBe(true);
    if (!("plan" in r)) return;
    const out = applyEdits(text, r.plan.edits);
    expect(out).toContain('export const blob = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());');
    expect(out).not.toContain("const CS =");
    expect(out).toContain("function make(CS: string)");
  });

  it("rejects a client id that is not a GUID", () => {
    const r = planFix({ ast: program(text), text, finding: finding(), credential: "managed-identity", clientId: "not-a-guid" });
    expect("manual" in r && r.manual).toMatch(/GUID/);
  });

  it("works on plain JavaScript ASTs (no TS wrappers) and keeps single quotes", () => {
    const js = `const { EmailClient } = require('@azure/communication-email')\n\nconst email = new EmailClient('${S.acsCs}')\nmodule.exports = email\n`;
    const f = scanText(js, { path: "a.js" })[0]!;
    const r = planFix({ ast: program(js), text: js, finding: f, credential: "default", path: "a.js" });
    expect("plan" in r && applyEdits(js, r.plan.edits)).toBe(
      "const { EmailClient } = require('@azure/communication-email')\nconst { DefaultAzureCredential } = require('@azure/identity')\n\nconst email = new EmailClient('https://contoso-notify.communication.azure.com', new DefaultAzureCredential())\nmodule.exports = email\n",
    );
  });
});

describe("planFix never throws", () => {
  it("on findings at any offset of every case, and on both credentials", async () => {
    const { CASES } = await import("./cases.js");
    let calls = 0;
    for (const c of CASES) {
      const ast = program(c.before);
      const real = scanText(c.before, { path: c.file ?? "a.ts" })[0];
      if (!real) continue;
      for (let at = 0; at < c.before.length; at += 9) {
        const finding = { ...real, start: at, end: Math.min(c.before.length, at + 10) };
        for (const credential of ["default", "managed-identity"] as const) {
          const r = planFix({ ast, text: c.before, finding, credential, path: c.file ?? "a.ts" });
          calls++;
          if ("plan" in r) {
            // Any plan applies cleanly and leaves parseable code.
            const out = applyEdits(c.before, r.plan.edits);
            expect(() => program(out)).not.toThrow();
          } else expect(r.manual.length).toBeGreaterThan(10);
        }
      }
    }
    expect(calls).toBeGreaterThan(800);
  }, 120_000);
});
