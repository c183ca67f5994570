/**
 * The bounded context readers behind the Entra, database, Redis and Event Grid detectors.
 * Values here are short made-up words: nothing key-shaped.
 */
import { describe, expect, it } from "vitest";
import {
  callArgument,
  isReference,
  looksLikeExpression,
  objectMembers,
  stringLiteralAt,
  valueAfterKey,
} from "../../src/core/text/literal-context.js";
import {
  envPasswords,
  hostStart,
  isHostMemberValue,
  isPlausiblePassword,
  passwordFields,
  urlCredentialBefore,
} from "../../src/core/detect/host-secrets.js";

const after = (text: string, key: string): string | undefined => {
  const at = text.indexOf(key) + key.length;
  return valueAfterKey(text, at)?.value;
};

describe("valueAfterKey", () => {
  it.each([
    ["AZURE_CLIENT_SECRET=alpha-beta\n", "alpha-beta"],
    ["clientSecret: 'alpha beta'", "alpha beta"],
    ['"ClientSecret": "alpha"', "alpha"],
    ['client_secret = "alpha"', "alpha"],
    ['<add key="ClientSecret" value="alpha" />', "alpha"],
    ["<ClientSecret>alpha</ClientSecret>", "alpha"],
    ['"ClientSecret": { "value": "alpha" }', "alpha"],
    ["ClientSecret := `alpha`", "alpha"],
    ['process.env["AZURE_CLIENT_SECRET"] = "alpha";', "alpha"],
    ["body.append('client_secret', 'alpha');", "alpha"],
  ])("reads %j", (text, value) => {
    expect(after(text, /client_?secret/i.exec(text)![0])).toBe(value);
  });

  it("returns nothing without an assignment or for an unterminated literal", () => {
    expect(after("ClientSecret is rotated yearly", "ClientSecret")).toBeUndefined();
    expect(after('clientSecret: "alpha\n', "clientSecret")).toBeUndefined();
    expect(after("clientSecret: `a${b}`", "clientSecret")).toBeUndefined();
    expect(after('append("client_secret", secret)', "client_secret")).toBeUndefined();
    expect(after('{ "name": "client_secret", "value": "alpha" }', "client_secret")).toBeUndefined();
  });

  it.each([
    ['body.append("client_secret", "alpha");', "alpha"],
    ['Environment.SetEnvironmentVariable("client_secret", "alpha", EnvironmentVariableTarget.User);', "alpha"],
    ['Map.of("client_secret", "alpha", "grant_type", "client_credentials")', "alpha"],
    ['new Headers([["client_secret", "alpha"]])', "alpha"],
    ['new Dictionary<string, string> { { "client_secret", "alpha" } }', "alpha"],
  ])("reads the name/value argument pair %j", (text, value) => {
    expect(after(text, "client_secret")).toBe(value);
  });

  it.each([
    ['const s = process.env.client_secret ?? "alpha";', "alpha"],
    ['secret = Environment.GetEnvironmentVariable("client_secret") ?? "alpha";', "alpha"],
    ["const s = env.client_secret || 'alpha';", "alpha"],
  ])("reads the literal fallback in %j", (text, value) => {
    expect(after(text, "client_secret")).toBe(value);
  });

  it("reads no fallback that is not a literal", () => {
    expect(after("const s = env.client_secret ?? defaults.secret;", "client_secret")).toBeUndefined();
    expect(after("if (env.client_secret || other) {}", "client_secret")).toBeUndefined();
  });

  it.each([
    'const KEYWORDS = ["client_secret", "clientsecret", "azure_client_secret"];',
    'const KEYWORDS = ["tenant", "client_secret", "azure_client_secret"];',
    "- **Keywords:** `client_secret`, `clientsecret`, `azure_client_secret`",
    "Set `client_secret`, `tenant` and `authority`.",
  ])("does not read list items as a pair: %j", (text) => {
    expect(after(text, "client_secret")).toBeUndefined();
  });
});

describe("callArgument", () => {
  it("skips nested calls, arrays and strings with commas", () => {
    const text = 'new ClientSecretCredential(cfg.get("a,b"), [x, y], "third", 4)';
    const open = text.indexOf("(");
    const at = callArgument(text, open, 2)!;
    expect(stringLiteralAt(text, at)?.value).toBe("third");
    expect(callArgument(text, open, 4)).toBeUndefined();
    expect(callArgument("f()", 1, 0)).toBeUndefined();
  });
});

describe("objectMembers", () => {
  it("pairs a host with members of its object, nested options and its parent's direct members", () => {
    const text = '{ password: "p1", socket: { host: "h", port: 1 }, options: { user: "u" } }';
    const names = objectMembers(text, text.indexOf('"h"'), 0, text.length).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(["password", "host", "port", "socket", "options"]));
    expect(names).not.toContain("user");
  });

  it("does not pair a sibling object's password", () => {
    const text = '[{ server: "local", password: "p1" }, { server: "h", ask: true }]';
    const members = objectMembers(text, text.indexOf('"h"'), 0, text.length);
    expect(members.map((m) => m.name)).not.toContain("password");
  });
});

describe("host-secrets readers", () => {
  it("reads URL user-info passwords, unencoded slashes included", () => {
    const text = "rediss://:ab/cd+ef=@cache1.redis.cache.windows.net:6380";
    const hs = hostStart(text, text.indexOf(".redis"));
    const cred = urlCredentialBefore(text, hs)!;
    expect(cred.scheme).toBe("rediss");
    expect(cred.user).toBe("");
    expect(cred.password.value).toBe("ab/cd+ef=");
    expect(urlCredentialBefore("https://x.redis.cache.windows.net", 8)).toBeUndefined();
  });

  it("reads password fields of several grammars", () => {
    const values = (t: string) => passwordFields(t, 0, t.length).map((v) => v.value);
    expect(values("host=h user=u password='a b' sslmode=require")).toEqual(["a b"]);
    expect(values("h:6380,password=abc,ssl=True")).toEqual(["abc"]);
    expect(values("jdbc:x://h/db?user=u&password=abc&ssl=1")).toEqual(["abc"]);
    expect(values("Server=h;PWD={a;b};")).toEqual(["a;b"]);
  });

  it("reads env lines in a bounded range", () => {
    const text = "PGHOST=h\nexport PGPASSWORD='abc def'\nOTHER=x\n";
    expect(envPasswords(text, 0, text.length, /PGPASSWORD/).map((v) => v.value)).toEqual(["abc def"]);
  });

  it("knows host members from other strings", () => {
    const t1 = 'server: "x.database.windows.net"';
    expect(isHostMemberValue(t1, t1.indexOf("x."))).toBe(true);
    const t2 = 'comment: "x.database.windows.net"';
    expect(isHostMemberValue(t2, t2.indexOf("x."))).toBe(false);
  });

  it("tells passwords from references", () => {
    expect(isPlausiblePassword("Tr1cky%Pass")).toBe(true);
    expect(isPlausiblePassword("%DB_PASSWORD%")).toBe(false);
    expect(isPlausiblePassword("$(SqlPassword)")).toBe(false);
    expect(isPlausiblePassword("password")).toBe(false);
    expect(isReference("process.env.X")).toBe(true);
    expect(looksLikeExpression("config.clientSecret")).toBe(true);
    expect(looksLikeExpression("Ab3.x9.Q7z")).toBe(false);
  });
});
