/**
 * Azure SQL through mssql and tedious: a password (or a client secret, or a whole connection string)
 * becomes `authentication: { type: "token-credential", options: { credential } }`, only for an Azure
 * SQL host (*.database.windows.net); elsewhere Managed Identity does not apply.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { TextEdit } from "../../types.js";
import type { Node } from "../ast.js";
import type { RecipeFamily, SampleMaker } from "../family.js";
import type { RecipeContext, RecipeResult, RewriteKit, SinkUse } from "../rewrite.js";
import { callOf, newOf, type Rewrite } from "../sink.js";

const CAVEAT = "In the database: CREATE USER [<identity>] FROM EXTERNAL PROVIDER, then grant it roles.";
const TOKEN_AUTH = 'authentication: { type: "token-credential", options: { credential } }';
const mssqlConfig: Rewrite = { type: "recipe", apply: (use, ctx, kit) => sqlConfig(use, ctx, kit) };
const tediousAuth: Rewrite = { type: "recipe", apply: (use, ctx, kit) => tediousConfig(use, ctx, kit) };

function tokenAuth(ctx: RecipeContext, kit: RewriteKit): string {
  const { lit } = kit;
  return `{ type: ${lit(ctx, "token-credential")}, options: { credential: ${ctx.credential} } }`;
}

/** The static server host of an mssql/tedious config object, if it is an Azure SQL endpoint. */
function azureServer(obj: TSESTree.ObjectExpression, ctx: RecipeContext, kit: RewriteKit): string | RecipeResult {
  const { findProperty, isAzureSqlHost, manual, staticString } = kit;
  const server = findProperty(obj, "server");
  if (!server) return manual("The config has no server: Managed Identity applies to Azure SQL only; add the server and use token-credential authentication by hand.");
  const v = staticString(server.value as Node, ctx.lookup);
  if (v === undefined) return manual("The server name is computed at run time: Managed Identity applies to Azure SQL only; switch to token-credential authentication by hand once you know it is Azure SQL.");
  const host = v.replace(/^tcp:/i, "").replace(/,\d+$/, "");
  if (!isAzureSqlHost(host)) return manual("The server is not an Azure SQL endpoint (*.database.windows.net): Managed Identity does not apply; keep the password in a secret store.");
  return host;
}

const SQL_NOTE = "In the database, create a user for the identity: CREATE USER [<identity-name>] FROM EXTERNAL PROVIDER; then grant it roles (db_datareader, db_datawriter).";

function sqlConfig(use: SinkUse, ctx: RecipeContext, kit: RewriteKit): RecipeResult {
  const { edit, findProperty, isAzureSqlHost, lit, manual, parsed, removeProperty, RUNTIME, secretProperty, sqlTarget } = kit;
  if (use.sink.secret.kind === "connection-string") {
    const cs = parsed(use);
    if (!cs) return manual(RUNTIME);
    const t = sqlTarget(cs);
    if (!t) return manual("The connection string names no server.");
    if (!isAzureSqlHost(t.server)) return manual("The server is not an Azure SQL endpoint: Managed Identity does not apply; keep the password in a secret store.");
    const parts = [`server: ${lit(ctx, t.server)}`];
    if (t.port !== undefined) parts.push(`port: ${t.port}`);
    if (t.database) parts.push(`database: ${lit(ctx, t.database)}`);
    parts.push(`authentication: ${tokenAuth(ctx, kit)}`, "options: { encrypt: true }");
    const arg = use.call.arguments[use.arg]!;
    return { edits: [edit(arg, `{ ${parts.join(", ")} }`)], summary: `mssql config for ${t.server}`, notes: [SQL_NOTE] };
  }
  const obj = use.objects[0];
  const prop = secretProperty(use);
  if (!obj || !prop) return manual("Unexpected mssql config shape.");
  const host = azureServer(obj, ctx, kit);
  if (typeof host !== "string") return host;
  if (findProperty(obj, "authentication")) return manual("The config already has authentication: remove the password and use token-credential by hand.");
  const edits: TextEdit[] = [edit(prop, `authentication: ${tokenAuth(ctx, kit)}`)];
  for (const k of ["user", "userName", "domain"]) {
    const p = findProperty(obj, k);
    if (p) edits.push(removeProperty(ctx.text, obj, p));
  }
  return { edits, summary: `mssql config for ${host}`, notes: [SQL_NOTE] };
}

function tediousConfig(use: SinkUse, ctx: RecipeContext, kit: RewriteKit): RecipeResult {
  const { edit, findProperty, manual, staticString, unwrap } = kit;
  const [root, auth] = use.objects;
  if (!root || !auth) return manual("Unexpected tedious config shape.");
  const host = azureServer(root, ctx, kit);
  if (typeof host !== "string") return host;
  const authProp = findProperty(root, "authentication");
  if (!authProp || unwrap(authProp.value as Node) !== auth) return manual("Unexpected tedious config shape.");
  const type = findProperty(auth, "type");
  const typeValue = type ? staticString(type.value as Node, ctx.lookup) : undefined;
  if (typeValue === "ntlm") return manual("NTLM (Windows) authentication targets SQL Server outside Azure SQL: Managed Identity does not apply.");
  return { edits: [edit(auth, tokenAuth(ctx, kit))], summary: `tedious config for ${host}`, notes: [SQL_NOTE] };
}

export const sql: RecipeFamily = {
  family: "sql",
  sinks: [
    {
      id: "mssql-connect-password",
      service: "sql",
      modules: ["mssql"],
      callee: callOf("connect"),
      form: "sql.connect({ server, user, password })",
      secret: { kind: "property", arg: 0, path: ["password"] },
      keyless: `sql.connect({ server, ${TOKEN_AUTH} })`,
      rewrite: mssqlConfig,
      caveat: CAVEAT,
    },
    {
      id: "mssql-connect-connection-string",
      service: "sql",
      modules: ["mssql"],
      callee: callOf("connect"),
      form: 'sql.connect("Server=...;User Id=...;Password=...")',
      secret: { kind: "connection-string", arg: 0 },
      keyless: `sql.connect({ server, database, ${TOKEN_AUTH} })`,
      rewrite: mssqlConfig,
      caveat: CAVEAT,
    },
    {
      id: "mssql-connection-pool-connection-string",
      service: "sql",
      modules: ["mssql"],
      callee: newOf("ConnectionPool"),
      form: 'new sql.ConnectionPool("Server=...;User Id=...;Password=...")',
      secret: { kind: "connection-string", arg: 0 },
      keyless: `new sql.ConnectionPool({ server, database, ${TOKEN_AUTH} })`,
      rewrite: mssqlConfig,
    },
    {
      id: "mssql-connection-pool-password",
      service: "sql",
      modules: ["mssql"],
      callee: newOf("ConnectionPool"),
      form: "new sql.ConnectionPool({ server, user, password })",
      secret: { kind: "property", arg: 0, path: ["password"] },
      keyless: `new sql.ConnectionPool({ server, ${TOKEN_AUTH} })`,
      rewrite: mssqlConfig,
      caveat: CAVEAT,
    },
    {
      id: "tedious-connection-password",
      service: "sql",
      modules: ["tedious"],
      callee: newOf("Connection"),
      form: 'new Connection({ server, authentication: { type: "default", options: { userName, password } } })',
      secret: { kind: "property", arg: 0, path: ["authentication", "options", "password"] },
      keyless: `new Connection({ server, ${TOKEN_AUTH} })`,
      rewrite: tediousAuth,
      caveat: CAVEAT,
    },
    {
      id: "tedious-connection-client-secret",
      service: "sql",
      modules: ["tedious"],
      callee: newOf("Connection"),
      form: 'new Connection({ authentication: { type: "azure-active-directory-service-principal-secret", options: { clientId, clientSecret, tenantId } } })',
      secret: { kind: "property", arg: 0, path: ["authentication", "options", "clientSecret"] },
      keyless: `new Connection({ server, ${TOKEN_AUTH} })`,
      rewrite: tediousAuth,
    },
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "mssql config object",
    before: `import sql from "mssql";

const config: sql.config = {
  server: "contoso-sql.database.windows.net",
  database: "orders",
  user: "app",
  password: "${s.sqlPassword}",
  options: { encrypt: true },
};

export const pool = await sql.connect(config);
`,
    after: `import sql from "mssql";
import { DefaultAzureCredential } from "@azure/identity";

const config: sql.config = {
  server: "contoso-sql.database.windows.net",
  database: "orders",
  authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } },
  options: { encrypt: true },
};

export const pool = await sql.connect(config);
`,
  }),
  (s) => ({
    name: "mssql connection string",
    before: `import sql from "mssql";

export const pool = await sql.connect("Server=tcp:contoso-sql.database.windows.net,1433;Database=orders;User Id=app;Password=${s.sqlPassword};Encrypt=true");
`,
    after: `import sql from "mssql";
import { DefaultAzureCredential } from "@azure/identity";

export const pool = await sql.connect({ server: "contoso-sql.database.windows.net", port: 1433, database: "orders", authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } }, options: { encrypt: true } });
`,
  }),
  (s) => ({
    name: "tedious default authentication",
    before: `import { Connection } from "tedious";

export const connection = new Connection({
  server: "contoso-sql.database.windows.net",
  authentication: { type: "default", options: { userName: "app", password: "${s.sqlPassword}" } },
  options: { database: "orders", encrypt: true },
});
`,
    after: `import { Connection } from "tedious";
import { DefaultAzureCredential } from "@azure/identity";

export const connection = new Connection({
  server: "contoso-sql.database.windows.net",
  authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } },
  options: { database: "orders", encrypt: true },
});
`,
  }),
  (s) => ({
    name: "mssql server chosen at run time (no fix)",
    before: `import sql from "mssql";

export function open(env: string) {
  return sql.connect({ server: \`\${env}.database.windows.net\`, user: "app", password: "${s.sqlPassword}" });
}
`,
    manual: /computed at run time/,
  }),
  (s) => ({
    name: "mssql connection pool with the server in a const",
    before: `import sql from "mssql";

const host = "contoso-sql.database.windows.net";
export const pool = new sql.ConnectionPool({ server: host, database: "orders", user: "app", password: "${s.sqlPassword}" });
`,
    after: `import sql from "mssql";
import { DefaultAzureCredential } from "@azure/identity";

const host = "contoso-sql.database.windows.net";
export const pool = new sql.ConnectionPool({ server: host, database: "orders", authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } } });
`,
  }),
  (s) => ({
    name: "tedious service principal secret",
    before: `import { Connection } from "tedious";

const clientId = "4a1aa1d5-c567-49d0-ad0b-cd957a47f842";
const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const connection = new Connection({
  server: "contoso-sql.database.windows.net",
  authentication: {
    type: "azure-active-directory-service-principal-secret",
    options: { clientId, tenantId, clientSecret: "${s.tediousClientSecret}" },
  },
});
`,
    after: `import { Connection } from "tedious";
import { DefaultAzureCredential } from "@azure/identity";

const clientId = "4a1aa1d5-c567-49d0-ad0b-cd957a47f842";
const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const connection = new Connection({
  server: "contoso-sql.database.windows.net",
  authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } },
});
`,
  }),
  () => ({
    name: "mssql password from the environment",
    callee: "sql.connect",
    before: `import sql from "mssql";

export const pool = await sql.connect({ server: "contoso-sql.database.windows.net", database: "orders", user: "app", password: process.env.SQL_PASSWORD });
`,
    after: `import sql from "mssql";
import { DefaultAzureCredential } from "@azure/identity";

export const pool = await sql.connect({ server: "contoso-sql.database.windows.net", database: "orders", authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } } });
`,
  }),
  (s) => ({
    name: "mssql connection pool from a connection string",
    before: `import sql from "mssql";

export const pool = new sql.ConnectionPool("Server=tcp:contoso-sql.database.windows.net,1433;Database=orders;User Id=app;Password=${s.sqlPassword};Encrypt=true");
`,
    after: `import sql from "mssql";
import { DefaultAzureCredential } from "@azure/identity";

export const pool = new sql.ConnectionPool({ server: "contoso-sql.database.windows.net", port: 1433, database: "orders", authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } }, options: { encrypt: true } });
`,
  }),
];
