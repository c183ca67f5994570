import rule from "../../src/rules/no-imds-token-request.js";
import { TESTERS } from "./rule-tester.js";

const IMDS = "http://169.254.169.254/metadata/identity/oauth2/token";
const QUERY = "?api-version=2018-02-01&resource=https://vault.azure.net";

const imds = { what: "the instance metadata endpoint (169.254.169.254)" };
const withScope = (scope: string) => ({ replacement: `ManagedIdentityCredential (scope "${scope}")` });

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
    ],
  });
}
