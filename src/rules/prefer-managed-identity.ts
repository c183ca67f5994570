/**
 * prefer-managed-identity: flags Azure SDK constructions that authenticate with a shared secret
 * (connection string, account key, API key, SAS, client secret, SQL password) even when the secret
 * is not a literal, e.g. `BlobServiceClient.fromConnectionString(process.env.STORAGE)`.
 *
 * The constructions come from the one table of SDK sinks (src/core/fixes/recipes/, one file per SDK family); this rule only
 * resolves callees through the file's imports and picks the sink whose secret slot the call fills.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getService } from "../core/catalog/index.js";
import { SINK_MODULES, credentialSlotFor, sinksFor } from "../core/fixes/recipes/index.js";
import { sinkFitsValue, type Sink } from "../core/fixes/sink.js";
import { createRule } from "./create-rule.js";
import { ImportTracker, isProcessEnv, propertyAt, resolveValue, unwrap } from "./estree-utils.js";

export type Options = [];
export type MessageIds = "credentialConstruction" | "implicitApiKey";

/**
 * `new AzureOpenAI({ endpoint, apiVersion })` without `apiKey` or `azureADTokenProvider` reads
 * AZURE_OPENAI_API_KEY from the environment (openai's azure.js): the same key, only implicit.
 */
const IMPLICIT_KEY_SINK = "azure-openai-api-key";
const IMPLICIT_KEY_ENV = "AZURE_OPENAI_API_KEY";
const TOKEN_PROVIDER_OPTION = "azureADTokenProvider";

/** Host suffixes of Azure SQL (and Synapse SQL) servers. */
const AZURE_SQL_HOSTS = [
  ".database.windows.net",
  ".database.chinacloudapi.cn",
  ".database.usgovcloudapi.net",
  ".database.cloudapi.de",
  ".sql.azuresynapse.net",
];

/** The server of an ADO.NET-style SQL connection string (as far as it is literal). */
const SQL_SERVER = /(?:^|;)\s*(?:server|data source|address|addr|network address)\s*=\s*(?:tcp:)?([^;,\u0000]+)/i;

function isAzureSqlHost(host: string): boolean {
  const lower = host.trim().toLowerCase().replace(/[,:].*$/, "");
  return AZURE_SQL_HOSTS.some((h) => lower.endsWith(h));
}

export default createRule<Options, MessageIds>({
  name: "prefer-managed-identity",
  meta: {
    type: "suggestion",
    docs: {
      description:
        "Prefer Managed Identity over Azure SDK clients built from connection strings, keys, SAS tokens, client secrets or SQL passwords, wherever the secret comes from",
      strict: true,
    },
    messages: {
      credentialConstruction: "{{form}} authenticates to {{service}} with a shared secret, wherever the value comes from (environment, config file, Key Vault). {{advice}}",
      implicitApiKey:
        "{{form}} without apiKey or azureADTokenProvider reads the key from {{env}}: it authenticates to {{service}} with a shared secret. {{advice}} Then remove {{env}} from the environment (the client throws when both are set).",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const imports = new ImportTracker(sourceCode, (m) => SINK_MODULES.has(m));

    /** The string a node holds when it is a literal (or a constant holding one). */
    function staticString(node: TSESTree.Node | undefined): string | undefined {
      const n = resolveValue(sourceCode, node);
      if (!n) return undefined;
      if (n.type === AST_NODE_TYPES.Literal && typeof n.value === "string") return n.value;
      if (n.type === AST_NODE_TYPES.TemplateLiteral && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? undefined;
      return undefined;
    }

    /** Does the call put a secret where `sink` says? Returns the node that holds it. */
    function secretNode(sink: Sink, node: TSESTree.CallExpression | TSESTree.NewExpression, module: string, path: string[]): TSESTree.Node | undefined {
      const args = node.arguments;
      const slot = sink.secret;
      switch (slot.kind) {
        case "key":
          return args[slot.arg];
        case "credential":
          // The credential bears a secret only when it is a key credential, whose own construction
          // (`new AzureKeyCredential(key)`) is a sink of its own and reported there.
          return undefined;
        case "connection-string": {
          const arg = args[slot.arg];
          if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
          const value = resolveValue(sourceCode, arg);
          if (value && (value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression)) return undefined;
          // A callee that also takes an options object (`new CosmosClient(options)`,
          // `sql.connect(config)`): only a value that is visibly a string is a connection string.
          const takesOptions = sinksFor(module, path, node.type === AST_NODE_TYPES.NewExpression).some((s) => s.secret.kind === "property");
          if (takesOptions && !isStringish(arg)) return undefined;
          const literal = staticString(arg);
          // A URL sink (`new ContainerClient(urlWithSas)`) bears a secret only when its SAS is visible.
          if (!sinkFitsValue(sink, literal) || (sink.sasUrl && literal === undefined)) return undefined;
          if (literal !== undefined && !sink.sasUrl) {
            // A URL or a namespace name is the keyless form; the emulator is local development.
            if (!/[A-Za-z]=/.test(literal) || /UseDevelopmentStorage=true/i.test(literal)) return undefined;
          }
          // `new ServiceBusClient(namespace, credential)`: the same class also takes a TokenCredential.
          const credentialSlot = credentialSlotFor(module, path, node.type === AST_NODE_TYPES.NewExpression);
          if (credentialSlot && slot.arg < credentialSlot.arg) {
            const credential = args[credentialSlot.arg];
            if (credential && unwrap(credential as TSESTree.Expression).type !== AST_NODE_TYPES.ObjectExpression) return undefined;
          }
          // SQL password auth matters here only against Azure SQL: skip a server known to be elsewhere.
          if (sink.service === "sql") {
            const server = SQL_SERVER.exec(knownText(arg))?.[1];
            if (server !== undefined && !isAzureSqlHost(server)) return undefined;
          }
          return arg;
        }
        case "property": {
          const found = propertyAt(sourceCode, args[slot.arg], slot.path);
          if (!found || found === "unknown") return undefined;
          const value = unwrap(found.value as TSESTree.Expression);
          if (value.type === AST_NODE_TYPES.Literal && value.value === null) return undefined;
          if (value.type === AST_NODE_TYPES.Identifier && value.name === "undefined") return undefined;
          if (sink.service === "sql" && !mayBeAzureSql(args[slot.arg])) return undefined;
          return found.property;
        }
      }
    }

    /** No `apiKey` and no token provider in a visible options object (or no options at all). */
    function readsKeyFromEnvironment(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const options = node.arguments[0];
      if (!options) return true;
      const key = propertyAt(sourceCode, options, ["apiKey"]);
      const provider = propertyAt(sourceCode, options, [TOKEN_PROVIDER_OPTION]);
      return key === undefined && provider === undefined;
    }

    /** A string literal, template, concatenation or environment read (through constants). */
    function isStringish(node: TSESTree.Node | undefined, depth = 0): boolean {
      const n = resolveValue(sourceCode, node);
      if (!n || depth > 5) return false;
      switch (n.type) {
        case AST_NODE_TYPES.Literal:
          return typeof n.value === "string";
        case AST_NODE_TYPES.TemplateLiteral:
          return true;
        case AST_NODE_TYPES.BinaryExpression:
          return n.operator === "+" && (isStringish(n.left, depth + 1) || isStringish(n.right, depth + 1));
        case AST_NODE_TYPES.LogicalExpression:
          return isStringish(n.left, depth + 1) || isStringish(n.right, depth + 1);
        case AST_NODE_TYPES.MemberExpression:
          return isProcessEnv(n.object);
        default:
          return false;
      }
    }

    /** SQL password auth matters here only against Azure SQL: skip a server known to be elsewhere. */
    function mayBeAzureSql(config: TSESTree.Node | undefined): boolean {
      const server = propertyAt(sourceCode, config, ["server"]);
      if (!server || server === "unknown") return true;
      const host = staticString(server.value);
      return host === undefined || isAzureSqlHost(host);
    }

    /** The literal parts of a string expression, in order (unknown parts left out). */
    function knownText(node: TSESTree.Node | undefined, depth = 0): string {
      const n = resolveValue(sourceCode, node);
      if (!n || depth > 5) return "";
      if (n.type === AST_NODE_TYPES.Literal) return typeof n.value === "string" ? n.value : "";
      if (n.type === AST_NODE_TYPES.TemplateLiteral) return n.quasis.map((q) => q.value.cooked ?? "").join("\u0000");
      if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === "+") return `${knownText(n.left, depth + 1)}\u0000${knownText(n.right, depth + 1)}`;
      return "";
    }

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      if (imports.empty) return;
      const target = imports.resolve(node.callee);
      if (!target) return;
      const isNew = node.type === AST_NODE_TYPES.NewExpression;
      for (const sink of sinksFor(target.module, target.path, isNew)) {
        if (sink.id === IMPLICIT_KEY_SINK && readsKeyFromEnvironment(node)) {
          context.report({
            node: node.arguments[0] ?? node,
            messageId: "implicitApiKey",
            data: { form: sink.form, service: serviceName(sink), advice: advice(sink), env: IMPLICIT_KEY_ENV },
          });
          return;
        }
        const at = secretNode(sink, node, target.module, target.path);
        if (!at) continue;
        context.report({ node: at, messageId: "credentialConstruction", data: { form: sink.form, service: serviceName(sink), advice: advice(sink) } });
        return;
      }
    }

    const listeners: TSESLint.RuleListener = {
      ...imports.listeners(),
      CallExpression: check,
      NewExpression: check,
    };
    return listeners;
  },
});

function serviceName(sink: Sink): string {
  return getService(sink.service).displayName;
}

/** What to do instead, from the sink table and the service catalog. */
function advice(sink: Sink): string {
  if (!sink.rewrite) return sink.manual ?? getService(sink.service).alternative ?? "Move the secret to Key Vault.";
  const entry = getService(sink.service);
  const credential = /\bcredential\b/.test(sink.keyless)
    ? " (credential: new DefaultAzureCredential() or new ManagedIdentityCredential() from @azure/identity)"
    : "";
  const role = entry.grant ?? entry.roles[0]?.name;
  const parts = [`Use Managed Identity instead: ${sink.keyless}${credential}.`];
  if (role) parts.push(`Grant the app's identity ${role}.`);
  if (sink.caveat) parts.push(sink.caveat);
  if (sink.manual) parts.push(sink.manual);
  return parts.join(" ");
}
