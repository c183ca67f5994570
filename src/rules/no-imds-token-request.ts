/**
 * no-imds-token-request: flags hand-rolled Managed Identity token requests (the instance metadata
 * endpoint, App Service's IDENTITY_ENDPOINT, Cloud Shell's MSI_ENDPOINT) made with fetch, axios,
 * got, http(s).request/get and friends. @azure/identity does the same with token caching, retries
 * and detection of every hosting environment.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "./create-rule.js";
import { imdsRewrite, type ResponseStyle } from "./imds-rewrite.js";

export type Options = [];
export type MessageIds = "imdsTokenRequest" | "suggestManagedIdentity";

/** Modules whose exports send HTTP requests. */
const HTTP_MODULES = new Set([
  "axios",
  "cross-fetch",
  "got",
  "http",
  "https",
  "isomorphic-fetch",
  "ky",
  "needle",
  "node-fetch",
  "node:http",
  "node:https",
  "request",
  "superagent",
  "undici",
]);

/** Modules whose request functions resolve to a fetch Response (`await res.json()`). */
const FETCH_MODULES = new Set(["cross-fetch", "isomorphic-fetch", "node-fetch", "undici"]);
/** Modules whose responses carry the parsed body in `data`. */
const DATA_MODULES = new Set(["axios"]);

/** Identity selectors other than client_id: the rewrite would need another constructor form. */
const OTHER_SELECTORS = /[?&](?:object_id|principal_id|msi_res_id|mi_res_id)=/i;
const CLIENT_ID = /[?&]client_id=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:&|$)/i;

/** Global functions that send requests. */
const GLOBAL_FETCH = new Set(["fetch"]);
const GLOBAL_OBJECTS = new Set(["globalThis", "window", "self", "global"]);

/** Environment variables that hold a Managed Identity token endpoint. */
const ENDPOINT_VARIABLES = new Set(["IDENTITY_ENDPOINT", "MSI_ENDPOINT"]);

const IMDS_HOST = "169.254.169.254";
const IMDS_TOKEN_PATH = "/metadata/identity/oauth2/token";

/** Marks an unknown part of a string built at run time. */
const UNKNOWN = "\u0000";
const ENV_MARK = (name: string): string => `\u0001${name}\u0001`;
const MAX_DEPTH = 6;

/** Option properties that carry the URL or its parts, in the order they are joined. */
const URL_PROPERTIES = ["url", "uri", "href", "input"];
const BASE_PROPERTIES = ["baseURL", "baseUrl", "prefixUrl"];
const HOST_PROPERTIES = ["host", "hostname"];
const PATH_PROPERTIES = ["path", "pathname"];

interface Target {
  readonly node: TSESTree.Node;
  /** The URL as far as it is known (UNKNOWN and ENV_MARK markers inside). */
  readonly text: string;
  /** "the instance metadata endpoint" or "process.env.IDENTITY_ENDPOINT". */
  readonly what: string;
  /** The resource from a literal `resource=` parameter, when there is one. */
  readonly resource?: string;
}

export default createRule<Options, MessageIds>({
  name: "no-imds-token-request",
  meta: {
    type: "suggestion",
    docs: {
      description:
        "Disallow hand-rolled Managed Identity token requests; use ManagedIdentityCredential or getBearerTokenProvider from @azure/identity",
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      suggestManagedIdentity: "Use one cached token provider: getBearerTokenProvider(new ManagedIdentityCredential(), \"{{scope}}\")",
      imdsTokenRequest:
        "Hand-rolled Managed Identity token request to {{what}}. Use {{replacement}} from @azure/identity (with getBearerTokenProvider for non-Azure-SDK clients): it caches and refreshes tokens, retries throttling and IMDS updates, and works in every hosting environment (VM, App Service, Functions, Container Apps, AKS, Arc) and locally.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    /** Local names bound to an HTTP module (default, namespace or named import, or require). */
    const httpBindings = new Set<string>();
    /** The module each of those names comes from. */
    const httpModules = new Map<string, string>();

    function requireSource(node: TSESTree.Node | null | undefined): string | undefined {
      let n = node;
      // require("x").default, await import("x")
      while (n && n.type === AST_NODE_TYPES.MemberExpression) n = n.object;
      if (n && n.type === AST_NODE_TYPES.AwaitExpression) n = n.argument;
      if (n && n.type === AST_NODE_TYPES.ImportExpression && n.source.type === AST_NODE_TYPES.Literal) {
        return String(n.source.value);
      }
      if (
        n &&
        n.type === AST_NODE_TYPES.CallExpression &&
        n.callee.type === AST_NODE_TYPES.Identifier &&
        n.callee.name === "require" &&
        n.arguments[0]?.type === AST_NODE_TYPES.Literal
      ) {
        return String(n.arguments[0].value);
      }
      return undefined;
    }

    function bind(name: string, module: string): void {
      httpBindings.add(name);
      httpModules.set(name, module);
    }

    function bindPattern(id: TSESTree.Node, module: string): void {
      if (id.type === AST_NODE_TYPES.Identifier) bind(id.name, module);
      else if (id.type === AST_NODE_TYPES.ObjectPattern) {
        for (const p of id.properties) {
          if (p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier) bind(p.value.name, module);
        }
      }
    }

    /** How the response of this request is read, for the rewrite; undefined for other clients. */
    function responseStyle(callee: TSESTree.Node): ResponseStyle | undefined {
      let root: TSESTree.Node = callee;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
      if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
      const module = httpModules.get(root.name);
      if (module === undefined) {
        const global = callee.type === AST_NODE_TYPES.Identifier ? GLOBAL_FETCH.has(callee.name) : GLOBAL_OBJECTS.has(root.name);
        return global ? "json" : undefined;
      }
      if (FETCH_MODULES.has(module) && callee.type === AST_NODE_TYPES.Identifier && (module !== "undici" || callee.name === "fetch")) return "json";
      if (DATA_MODULES.has(module)) return "data";
      return undefined;
    }

    /** The safe rewrite of this request, when there is one. */
    function suggestionFor(call: TSESTree.CallExpression, target: Target): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const style = responseStyle(call.callee);
      const scope = target.resource;
      if (!style || !scope || target.text.includes(UNKNOWN) || OTHER_SELECTORS.test(target.text)) return [];
      const clientId = CLIENT_ID.exec(target.text)?.[1];
      if (/[?&]client_id=/i.test(target.text) && !clientId) return [];
      const edits = imdsRewrite({
        program: sourceCode.ast,
        text: sourceCode.text,
        path: context.filename,
        call,
        style,
        scope,
        ...(clientId ? { clientId } : {}),
        parentOf: (n) => n.parent,
      });
      if (!edits) return [];
      return [
        {
          messageId: "suggestManagedIdentity",
          data: { scope },
          fix: (fixer) => edits.map((e) => fixer.replaceTextRange([e.range[0], e.range[1]], e.text)),
        },
      ];
    }

    /**
     * What a constant identifier holds: its initializer, or the environment variable it was
     * destructured from (`const { IDENTITY_ENDPOINT } = process.env`).
     */
    function constValue(id: TSESTree.Identifier): { init: TSESTree.Node } | { env: string } | undefined {
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id.name);
      const def = variable?.defs[0];
      if (!variable || !def || variable.defs.length !== 1) return undefined;
      if (variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
      if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
      const { id: pattern, init } = def.node;
      if (pattern.type === AST_NODE_TYPES.Identifier) return { init };
      if (pattern.type === AST_NODE_TYPES.ObjectPattern && isProcessEnv(init)) {
        for (const p of pattern.properties) {
          if (p.type !== AST_NODE_TYPES.Property) continue;
          const value = p.value.type === AST_NODE_TYPES.AssignmentPattern ? p.value.left : p.value;
          const key = propertyName(p);
          if (key && value.type === AST_NODE_TYPES.Identifier && value.name === id.name) return { env: key };
        }
      }
      return undefined;
    }

    /** The text a string expression evaluates to; unknown parts become UNKNOWN, env reads ENV_MARK. */
    function evaluate(node: TSESTree.Node | undefined, depth = 0): string {
      if (!node || depth > MAX_DEPTH) return UNKNOWN;
      switch (node.type) {
        case AST_NODE_TYPES.Literal:
          return typeof node.value === "string" ? node.value : UNKNOWN;
        case AST_NODE_TYPES.TemplateLiteral: {
          let out = "";
          node.quasis.forEach((q, i) => {
            out += q.value.cooked ?? q.value.raw;
            if (i < node.expressions.length) out += evaluate(node.expressions[i], depth + 1);
          });
          return out;
        }
        case AST_NODE_TYPES.BinaryExpression:
          return node.operator === "+" ? evaluate(node.left, depth + 1) + evaluate(node.right, depth + 1) : UNKNOWN;
        case AST_NODE_TYPES.LogicalExpression:
          // process.env.IDENTITY_ENDPOINT ?? "http://169.254.169.254/..." : either side
          return evaluate(node.left, depth + 1) + evaluate(node.right, depth + 1);
        case AST_NODE_TYPES.Identifier: {
          const value = constValue(node);
          if (!value) return UNKNOWN;
          return "env" in value ? ENV_MARK(value.env) : evaluate(value.init, depth + 1);
        }
        case AST_NODE_TYPES.MemberExpression: {
          if (isProcessEnv(node.object)) {
            const name = memberName(node);
            return name ? ENV_MARK(name) : UNKNOWN;
          }
          // url.href, url.toString
          if (memberName(node) === "href") return evaluate(node.object, depth + 1);
          return UNKNOWN;
        }
        case AST_NODE_TYPES.CallExpression: {
          // String(x), x.toString(), new URL(...).toString()
          if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === "String") {
            return evaluate(node.arguments[0], depth + 1);
          }
          if (node.callee.type === AST_NODE_TYPES.MemberExpression && memberName(node.callee) === "toString") {
            return evaluate(node.callee.object, depth + 1);
          }
          return UNKNOWN;
        }
        case AST_NODE_TYPES.NewExpression: {
          // new URL(path, base), new Request(url, init)
          if (node.callee.type === AST_NODE_TYPES.Identifier && (node.callee.name === "URL" || node.callee.name === "Request")) {
            const [first, second] = node.arguments;
            if (node.callee.name === "URL" && second) return evaluate(second, depth + 1) + evaluate(first, depth + 1);
            return evaluate(first, depth + 1);
          }
          return UNKNOWN;
        }
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
          return evaluate(node.expression, depth + 1);
        case AST_NODE_TYPES.ObjectExpression:
          return evaluateOptions(node, depth + 1);
        default:
          return UNKNOWN;
      }
    }

    /** An options object ({ url }, { baseURL, url }, { host, path }) as one URL-ish string. */
    function evaluateOptions(node: TSESTree.ObjectExpression, depth: number): string {
      const get = (names: readonly string[]): string => {
        for (const p of node.properties) {
          if (p.type !== AST_NODE_TYPES.Property) continue;
          const key = propertyName(p);
          if (key && names.includes(key)) return evaluate(p.value, depth + 1);
        }
        return "";
      };
      const url = get(URL_PROPERTIES);
      const base = get(BASE_PROPERTIES);
      const host = get(HOST_PROPERTIES);
      const path = get(PATH_PROPERTIES);
      return `${base}${host}${path}${url}`;
    }

    function classify(node: TSESTree.Node): Target | undefined {
      const text = evaluate(node);
      if (text === UNKNOWN || text === "") return undefined;
      for (const name of ENDPOINT_VARIABLES) {
        if (text.includes(ENV_MARK(name))) return { node, text, what: `process.env.${name}`, ...resourceOf(text) };
      }
      const lower = text.toLowerCase();
      if (lower.includes(IMDS_HOST) && lower.includes(IMDS_TOKEN_PATH)) {
        return { node, text, what: `the instance metadata endpoint (${IMDS_HOST})`, ...resourceOf(text) };
      }
      return undefined;
    }

    /** Is this call an HTTP request (fetch, axios, got, http.request...)? */
    function isHttpCall(callee: TSESTree.Node): boolean {
      if (callee.type === AST_NODE_TYPES.Identifier) return GLOBAL_FETCH.has(callee.name) || httpBindings.has(callee.name);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        let root: TSESTree.Node = callee;
        while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
        if (root.type !== AST_NODE_TYPES.Identifier) return false;
        if (GLOBAL_OBJECTS.has(root.name)) return memberName(callee) === "fetch";
        return httpBindings.has(root.name);
      }
      return false;
    }

    function check(node: TSESTree.CallExpression): void {
      if (!isHttpCall(node.callee)) return;
      for (const arg of node.arguments.slice(0, 2)) {
        const target = classify(arg);
        if (!target) continue;
        const scope = target.resource ? ` (scope "${target.resource}")` : "";
        const suggest = suggestionFor(node, target);
        context.report({
          node: arg,
          messageId: "imdsTokenRequest",
          data: {
            what: target.what,
            replacement: `ManagedIdentityCredential${scope}`,
          },
          ...(suggest.length > 0 ? { suggest } : {}),
        });
        return;
      }
    }

    const listeners: TSESLint.RuleListener = {
      ImportDeclaration(node) {
        const module = String(node.source.value);
        if (!HTTP_MODULES.has(module)) return;
        for (const s of node.specifiers) bind(s.local.name, module);
      },
      VariableDeclarator(node) {
        const source = requireSource(node.init);
        if (source && HTTP_MODULES.has(source)) bindPattern(node.id, source);
      },
      CallExpression: check,
    };
    return listeners;
  },
});

function isProcessEnv(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === "process" &&
    memberName(node) === "env"
  );
}

function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === "string") {
    return node.property.value;
  }
  return undefined;
}

function propertyName(p: TSESTree.Property): string | undefined {
  if (!p.computed && p.key.type === AST_NODE_TYPES.Identifier) return p.key.name;
  if (p.key.type === AST_NODE_TYPES.Literal && typeof p.key.value === "string") return p.key.value;
  return undefined;
}

/** The `<resource>/.default` scope from a literal `resource=` query parameter. */
function resourceOf(text: string): { resource?: string } {
  const m = /[?&]resource=([^&#\s\u0000\u0001]{1,200})/i.exec(text);
  if (!m?.[1]) return {};
  let resource = m[1];
  try {
    resource = decodeURIComponent(resource);
  } catch {
    return {};
  }
  return { resource: `${resource.replace(/\/+$/, "")}/.default` };
}
