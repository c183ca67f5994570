import rule from "../../src/rules/no-imds-token-request.js";
import { TESTERS } from "./rule-tester.js";

const IMDS = "http://169.254.169.254/metadata/identity/oauth2/token";
const QUERY = "?api-version=2018-02-01&resource=https://vault.azure.net";

const imds = { what: "the instance metadata endpoint (169.254.169.254)" };
const withScope = (scope: string) => ({ replacement: `ManagedIdentityCredential (scope "${scope}")` });

// The safe rewrite: a function whose whole body fetches the token and returns access_token.
const VAULT_URL = `${IMDS}${QUERY}`;
const fetchFn = [
  "export async function getVaultToken() {",
  `  const res = await fetch("${VAULT_URL}", { headers: { Metadata: "true" } });`,
  "  const body = await res.json();",
  "  return body.access_token;",
  "}",
  "",
].join("\n");
const fetchFnFixed = [
  'import { ManagedIdentityCredential, getBearerTokenProvider } from "@azure/identity";',
  "",
  'const getManagedIdentityToken = getBearerTokenProvider(new ManagedIdentityCredential(), "https://vault.azure.net/.default");',
  "",
  "export async function getVaultToken() {",
  "  return getManagedIdentityToken();",
  "}",
  "",
].join("\n");

// axios, destructured data, an existing @azure/identity import, a user-assigned client id, an arrow.
const CLIENT = "11111111-2222-4333-8444-555555555555";
const axiosFn = [
  'import axios from "axios";',
  'import { DefaultAzureCredential } from "@azure/identity";',
  "",
  "const token = async () => {",
  `  const { data } = await axios.get("${IMDS}?api-version=2018-02-01&resource=https%3A%2F%2Fstorage.azure.com%2F&client_id=${CLIENT}", { headers: { Metadata: "true" } });`,
  "  return data.access_token;",
  "};",
].join("\n");
const axiosFnFixed = [
  'import axios from "axios";',
  'import { DefaultAzureCredential, ManagedIdentityCredential, getBearerTokenProvider } from "@azure/identity";',
  "",
  `const getManagedIdentityToken = getBearerTokenProvider(new ManagedIdentityCredential({ clientId: "${CLIENT}" }), "https://storage.azure.com/.default");`,
  "",
  "const token = async () => {",
  "  return getManagedIdentityToken();",
  "};",
].join("\n");

// Not safe: the response is used for more than the token.
const usesExpiry = [
  "async function getToken() {",
  `  const res = await fetch("${VAULT_URL}", { headers: { Metadata: "true" } });`,
  "  const body = await res.json();",
  "  cache.set(body.access_token, body.expires_on);",
  "  return body.access_token;",
  "}",
].join("\n");
// Not safe: options beyond headers (a timeout signal would be lost).
const withSignal = [
  "async function getToken() {",
  `  const res = await fetch("${VAULT_URL}", { headers: { Metadata: "true" }, signal });`,
  "  return (await res.json()).access_token;",
  "}",
].join("\n");
// Not safe: another identity selector.
const byResourceId = [
  "async function getToken() {",
  `  const res = await fetch("${VAULT_URL}&msi_res_id=/subscriptions/x", { headers: { Metadata: "true" } });`,
  "  return (await res.json()).access_token;",
  "}",
].join("\n");

const suggestion = (scope: string, output: string) => ({ messageId: "suggestManagedIdentity" as const, data: { scope }, output });

for (const [parserName, tester] of TESTERS) {
  tester.run(`no-imds-token-request (${parserName})`, rule, {
    valid: [
      // The SDK way.
      'import { ManagedIdentityCredential } from "@azure/identity"; const t = await new ManagedIdentityCredential().getToken("https://vault.azure.net/.default");',
      // Instance metadata, but not the token endpoint.
      'await fetch("http://169.254.169.254/metadata/instance?api-version=2021-02-01", { headers: { Metadata: "true" } });',
      // A token URL that is only built, never requested.
      `const url = "${IMDS}${QUERY}";`,
      // Not an HTTP client.
      `log("${IMDS}");`,
      'import axios from "axios"; await axios.get("https://example.com/metadata/identity/oauth2/token");',
      // Other environment variables.
      "await fetch(process.env.API_ENDPOINT);",
      // A local function called fetch that shadows nothing we know is still global fetch: but the URL is unknown.
      "await fetch(url);",
      // A reassigned variable is not resolved.
      `let u = "${IMDS}"; u = "https://example.com"; await fetch(u);`,
    ],
    invalid: [
      {
        code: `const res = await fetch("${IMDS}${QUERY}", { headers: { Metadata: "true" } });`,
        errors: [
          {
            messageId: "imdsTokenRequest",
            data: { ...imds, ...withScope("https://vault.azure.net/.default") },
            line: 1,
            column: 25,
            endLine: 1,
            endColumn: 25 + IMDS.length + QUERY.length + 2,
          },
        ],
      },
      {
        // Template literal with the resource from a variable; fetch via globalThis.
        code: ["const resource = getResource();", "await globalThis.fetch(`" + IMDS + "?api-version=2018-02-01&resource=${resource}`);"].join("\n"),
        errors: [{ messageId: "imdsTokenRequest", data: { ...imds, replacement: "ManagedIdentityCredential" }, line: 2, column: 24 }],
      },
      {
        // App Service: the endpoint comes from the environment.
        code: 'await fetch(`${process.env.IDENTITY_ENDPOINT}?resource=https://storage.azure.com/&api-version=2019-08-01`, { headers: { "X-IDENTITY-HEADER": process.env.IDENTITY_HEADER } });',
        errors: [
          {
            messageId: "imdsTokenRequest",
            data: { what: "process.env.IDENTITY_ENDPOINT", ...withScope("https://storage.azure.com/.default") },
            line: 1,
            column: 13,
            endColumn: 106,
          },
        ],
      },
      {
        // Destructured environment variable, URL object, axios default import.
        code: [
          'import axios from "axios";',
          "const { MSI_ENDPOINT } = process.env;",
          'const url = new URL(MSI_ENDPOINT + "?resource=https://management.azure.com/");',
          "const { data } = await axios.get(url.href);",
        ].join("\n"),
        errors: [{ messageId: "imdsTokenRequest", data: { what: "process.env.MSI_ENDPOINT", ...withScope("https://management.azure.com/.default") }, line: 4, column: 34, endColumn: 42 }],
      },
      {
        // axios config object.
        code: `import axios from "axios"; await axios({ method: "get", url: "${IMDS}", headers: { Metadata: "true" } });`,
        errors: [{ messageId: "imdsTokenRequest", line: 1, column: 40 }],
      },
      {
        // http.request with host + path options, CommonJS require.
        code: [
          'const http = require("node:http");',
          'const req = http.request({ host: "169.254.169.254", path: "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net", headers: { Metadata: "true" } }, onResponse);',
        ].join("\n"),
        errors: [{ messageId: "imdsTokenRequest", data: { ...imds, ...withScope("https://vault.azure.net/.default") }, line: 2, column: 26 }],
      },
      {
        // Named import from https, URL constructor with a base, constant in another statement.
        code: [
          'import { get } from "https";',
          'const BASE = "http://169.254.169.254";',
          'get(new URL("/metadata/identity/oauth2/token?api-version=2018-02-01", BASE), onResponse);',
        ].join("\n"),
        errors: [{ messageId: "imdsTokenRequest", line: 3, column: 5, endColumn: 76 }],
      },
      {
        // got, string concatenation.
        code: 'import got from "got"; const body = await got("http://169.254.169.254" + "/metadata/identity/oauth2/token" + query).json();',
        errors: [{ messageId: "imdsTokenRequest", line: 1, column: 47 }],
      },
      {
        // Fallback chain: App Service endpoint, else IMDS.
        code: `await fetch(process.env.IDENTITY_ENDPOINT ?? "${IMDS}");`,
        errors: [{ messageId: "imdsTokenRequest", data: { what: "process.env.IDENTITY_ENDPOINT", replacement: "ManagedIdentityCredential" }, line: 1, column: 13 }],
      },
      {
        code: fetchFn,
        errors: [
          {
            messageId: "imdsTokenRequest",
            line: 2,
            column: 27,
            suggestions: [suggestion("https://vault.azure.net/.default", fetchFnFixed)],
          },
        ],
      },
      {
        code: axiosFn,
        errors: [{ messageId: "imdsTokenRequest", line: 5, suggestions: [suggestion("https://storage.azure.com/.default", axiosFnFixed)] }],
      },
      { code: usesExpiry, errors: [{ messageId: "imdsTokenRequest", line: 2, suggestions: [] }] },
      { code: withSignal, errors: [{ messageId: "imdsTokenRequest", line: 2, suggestions: [] }] },
      { code: byResourceId, errors: [{ messageId: "imdsTokenRequest", line: 2, suggestions: [] }] },
    ],
  });
}
