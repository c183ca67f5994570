/**
 * Secrets stored base64-encoded: Kubernetes `Secret` manifests (`data:` values), `.npmrc`
 * `_password=` / `_auth=` for Azure Artifacts feeds, and Docker `config.json` / `.dockerconfigjson`
 * `auth` entries (base64 of `user:password`) for `*.azurecr.io`, and literals decoded in code
 * (`Buffer.from("...", "base64")`, `atob`, `b64decode`, ...). The value is decoded and the decoded
 * text is scanned by the engine with every other detector; a finding inside is reported at the
 * base64 value's offsets with the inner finding's service and a "base64-encoded" note.
 *
 * Recursion: the inner scan uses every detector except this one, so decoding never nests more than
 * one level. Values over MAX_ENCODED characters and windows with more than MAX_VALUES values are
 * not decoded.
 */
import { decodeBase64, encodeBase64 } from "../text/base64.js";
import { makeAdoPat } from "../keys/ado-pat.js";
import { makeCaskKey } from "../keys/cask.js";
import { fakeBase64, fakeFromAlphabet, fakeIdentifiable, rng } from "../keys/fake.js";
import { matchesIn } from "../detect/key-context.js";
import { callArgument, literalArgument } from "../text/code-values.js";
import { compileDetectors, scanWith, type CompiledDetectors } from "../detect/scan-text.js";
import type { Candidate, Detector, Finding } from "../types.js";
import { DETECTORS } from "./index.js";

const ID = "base64-wrapped";
const MAX_ENCODED = 16_384;
const MAX_VALUES = 200;
/** How far around a `kind: Secret` hit we look for the rest of the manifest. */
const DOCUMENT_SPAN = 16_384;

let inner: CompiledDetectors | undefined;
/** The engine over every detector but this one (compiled on first use: the registry imports this file). */
const innerEngine = (): CompiledDetectors => (inner ??= compileDetectors(DETECTORS.filter((d) => d.id !== ID)));
const titleOf = (ruleId: string): string => DETECTORS.find((d) => d.id === ruleId)?.title ?? ruleId;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decode base64 to text; undefined when it is not base64 or not printable UTF-8 text. */
function decodeText(value: string): string | undefined {
  if (value.length < 8 || value.length > MAX_ENCODED) return undefined;
  const bytes = decodeBase64(value.replace(/\s+/g, ""));
  if (!bytes || bytes.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  // Binary data that happens to be valid UTF-8 (control characters other than whitespace).
  return /[\u0000-\u0008\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

type Source = "kubernetes-secret" | "npmrc" | "docker-config" | "basic-auth" | "decode-call";

interface Wrapped {
  readonly start: number;
  readonly end: number;
  readonly source: Source;
  /** Texts to scan, built from the decoded value (with the context the decoded value lost). */
  readonly texts: readonly string[];
  /** Offset in each text where the decoded value starts: findings in the context before it are not this value's. */
  readonly after?: number;
  /** The other values of the same Secret, decoded together (a host in one, its password in another). */
  readonly group?: SecretGroup;
}

/** The decoded values of one Secret as `key: value` lines (YAML, as stringData would be), and where each value's line starts. */
interface SecretGroup {
  text: string;
  readonly members: Array<{ readonly wrapped: Wrapped; readonly start: number; readonly end: number }>;
}

/** `user:password` of a Docker auth entry, as a login command the registry detector understands. */
function dockerAuthTexts(decoded: string, registry: string): string[] {
  const colon = decoded.indexOf(":");
  if (colon <= 0) return [];
  return [`docker login ${registry} -u ${decoded.slice(0, colon)} -p ${decoded.slice(colon + 1)}`];
}

const DOCKER_AUTH = /["']([a-z0-9-]{1,60}\.azurecr\.io)["'][ \t]*:[ \t]*\{[^{}]{0,600}?["']auth["'][ \t]*:[ \t]*["']([A-Za-z0-9+/=]{8,1024})["']/gi;

/** `auth` entries of a Docker config JSON for `*.azurecr.io` registries. */
function dockerConfigAuths(text: string, from: number, to: number): Wrapped[] {
  const out: Wrapped[] = [];
  for (const m of matchesIn(DOCKER_AUTH, text, from, to, 2048)) {
    const value = m[2]!;
    const start = m.index + m[0].length - 1 - value.length;
    const decoded = decodeText(value);
    if (decoded) out.push({ start, end: start + value.length, source: "docker-config", texts: dockerAuthTexts(decoded, m[1]!) });
  }
  return out;
}

/** Texts to scan for a decoded Kubernetes Secret value stored under `key`. */
function secretValueTexts(key: string, decoded: string): string[] {
  const texts = [`${key}=${decoded}`];
  if (/^\.docker(?:configjson|cfg)$/.test(key)) {
    for (const w of dockerConfigAuths(decoded, 0, decoded.length)) texts.push(...w.texts);
  }
  return texts;
}

const SECRET_KIND = /(?:^|\n)[ \t]*["']?kind["']?[ \t]*:[ \t]*["']?Secret["']?[ \t]*,?[ \t]*\r?(?:\n|$)/;
const SECRET_KIND_G = new RegExp(SECRET_KIND.source, "g");
const YAML_DATA = /(?:^|\n)([ \t]*)data:[ \t]*\r?\n/g;
const YAML_ENTRY = /^([ \t]+)["']?([\w.-]{1,253})["']?[ \t]*:[ \t]*["']?([A-Za-z0-9+/]{4,}={0,2})["']?[ \t]*\r?$/;
const JSON_DATA = /["']data["'][ \t]*:[ \t]*\{/g;
const JSON_ENTRY = /["']([\w.-]{1,253})["'][ \t]*:[ \t]*["']([A-Za-z0-9+/]{4,}={0,2})["']/y;

/** The YAML document (between `---` lines) or JSON text around `at`, bounded. */
function documentAround(text: string, at: number): { start: number; end: number } {
  const lo = Math.max(0, at - DOCUMENT_SPAN);
  const hi = Math.min(text.length, at + DOCUMENT_SPAN);
  // Searched inside [lo, hi] only: an unbounded (last)indexOf runs to the ends of the text for every
  // window of a long file without `---` lines (quadratic).
  const b = text.slice(lo, at + 4).lastIndexOf("\n---");
  const a = text.slice(at, hi + 4).indexOf("\n---");
  const before = b === -1 ? -1 : lo + b;
  const after = a === -1 ? -1 : at + a;
  return { start: before >= lo ? before + 4 : lo, end: after !== -1 && after < hi ? after : hi };
}

/** `data:` values of a Kubernetes Secret manifest (YAML or JSON) around a `kind: Secret` hit. */
function kubernetesSecretValues(text: string, doc: { start: number; end: number }): Wrapped[] {
  const body = text.slice(doc.start, doc.end);
  if (!SECRET_KIND.test(body)) return [];
  const out: Wrapped[] = [];
  const group: SecretGroup = { text: "", members: [] };
  const add = (key: string, value: string, start: number): void => {
    if (out.length >= MAX_VALUES) return;
    const decoded = decodeText(value);
    if (!decoded) return;
    const w: Wrapped = { start, end: start + value.length, source: "kubernetes-secret", texts: secretValueTexts(key, decoded), group };
    out.push(w);
    const line = `${key}: ${decoded}`;
    group.members.push({ wrapped: w, start: group.text.length, end: group.text.length + line.length });
    group.text += `${line}\n`;
  };
  YAML_DATA.lastIndex = 0;
  for (let m = YAML_DATA.exec(body); m !== null; m = YAML_DATA.exec(body)) {
    const indent = m[1]!.length;
    let lineStart = m.index + m[0].length;
    for (let n = 0; n < MAX_VALUES && lineStart < body.length; n++) {
      let lineEnd = body.indexOf("\n", lineStart);
      if (lineEnd === -1) lineEnd = body.length;
      const line = body.slice(lineStart, lineEnd);
      if (line.trim() !== "") {
        const e = YAML_ENTRY.exec(line);
        if (!e || e[1]!.length <= indent) break;
        add(e[2]!, e[3]!, doc.start + lineStart + line.lastIndexOf(e[3]!));
      }
      lineStart = lineEnd + 1;
    }
  }
  JSON_DATA.lastIndex = 0;
  for (let m = JSON_DATA.exec(body); m !== null; m = JSON_DATA.exec(body)) {
    let i = m.index + m[0].length;
    for (let n = 0; n < MAX_VALUES; n++) {
      while (i < body.length && /[\s,]/.test(body[i]!)) i++;
      JSON_ENTRY.lastIndex = i;
      const e = JSON_ENTRY.exec(body);
      if (!e) break;
      add(e[1]!, e[2]!, doc.start + i + e[0].length - 1 - e[2]!.length);
      i += e[0].length;
    }
  }
  return out;
}

/** `.npmrc` lines: `//pkgs.dev.azure.com/<org>/.../:_password=<base64 PAT>` or `:_auth=<base64 user:PAT>`. */
const NPMRC = /^[ \t]*(\/\/[^\s:]{1,300}):_(password|auth)[ \t]*=[ \t]*["']?([A-Za-z0-9+/]{4,16384}={0,2})["']?[ \t]*\r?$/gm;
const AZURE_ARTIFACTS = /(?:^|\/\/|\.)pkgs\.dev\.azure\.com\/|\.pkgs\.visualstudio\.com\//i;

function npmrcValues(text: string, from: number, to: number): Wrapped[] {
  const out: Wrapped[] = [];
  const lineStart = text.lastIndexOf("\n", from) + 1;
  for (const m of matchesIn(NPMRC, text, lineStart, to, MAX_ENCODED + 400)) {
    if (!AZURE_ARTIFACTS.test(m[1]!)) continue;
    const value = m[3]!;
    const start = m.index + m[0].lastIndexOf(value);
    const decoded = decodeText(value);
    if (!decoded) continue;
    // _password is the PAT itself; _auth is `user:PAT`.
    const pat = m[2] === "auth" ? decoded.slice(decoded.indexOf(":") + 1) : decoded;
    out.push({ start, end: start + value.length, source: "npmrc", texts: [`AZURE_DEVOPS_EXT_PAT=${pat}`] });
  }
  return out;
}

/** `Authorization: Basic <base64 user:secret>` sent to Azure DevOps or an Azure Container Registry. */
const BASIC_AUTH = /\bBasic[ \t]+([A-Za-z0-9+/]{8,2048}={0,2})(?![A-Za-z0-9+/=])/gi;
/** git `http.extraheader` carries the header for Azure Repos clones (pipelines' submodule steps). */
const EXTRAHEADER = /\bhttp\.(?:[^\s=]{1,200}\.)?extraheader\b/i;
const DEVOPS_HOST = /\bdev\.azure\.com\b|\.visualstudio\.com\b/i;
const ACR_HOST = /\b[a-z0-9-]{1,60}\.azurecr\.io\b/i;

function basicAuthValues(text: string, from: number, to: number): Wrapped[] {
  const out: Wrapped[] = [];
  for (const m of matchesIn(BASIC_AUTH, text, from, to, 2100)) {
    const value = m[1]!;
    const start = m.index + m[0].length - value.length;
    const near = text.slice(Math.max(0, start - 400), Math.min(text.length, start + value.length + 400));
    const acr = ACR_HOST.exec(near);
    // An extraheader with no host in sight: only a PAT whose checksum holds is reported (devops-pat).
    const devops = DEVOPS_HOST.test(near) || EXTRAHEADER.test(near);
    if (!devops && !acr) continue;
    const decoded = decodeText(value);
    const colon = decoded?.indexOf(":") ?? -1;
    if (!decoded || colon < 0) continue;
    const secret = decoded.slice(colon + 1);
    // No name before the bare secret: devops-pat then needs its checksum.
    const texts = DEVOPS_HOST.test(near) ? [`AZURE_DEVOPS_EXT_PAT=${secret}`] : devops ? [`extraheader auth ${secret}`] : [];
    if (acr) texts.push(...dockerAuthTexts(decoded, acr[0]));
    out.push({ start, end: start + value.length, source: "basic-auth", texts });
  }
  return out;
}

/**
 * Base64 decoded in code at run time: `Buffer.from("...", "base64")`, `atob("...")`, Python
 * `base64.b64decode("...")`, .NET `Convert.FromBase64String("...")`, Java
 * `Base64.getDecoder().decode("...")`, Go `base64.StdEncoding.DecodeString("...")`, and shell
 * `echo "..." | base64 -d`. The argument is a literal or a same-file constant bound to one.
 */
const DECODE_CALL = /\b(?:Buffer[ \t]*\.[ \t]*from|atob|(?:urlsafe_|standard_)?b64decode|FromBase64String|get(?:Mime|Url)?Decoder\(\)[ \t]*\.[ \t]*decode|DecodeString)[ \t]*\(/g;
const SHELL_DECODE = /\becho[ \t]+(?:-n[ \t]+)?(["']?)([A-Za-z0-9+/]{16,16384}={0,2})\1[ \t]*\|[ \t]*base64[ \t]+(?:-d|--decode|-D)\b/g;
/** The name a value is assigned to before `at` on its line: `const clientSecret = `, `process.env.X ??= `, `KEY = `. */
const ASSIGNED = /([A-Za-z_$][\w$]*)["'\]]?[ \t]*(?:\?\?=|\|\|=|:=|=|:)(?!=)[^=\n]{0,200}$/;

function decodeCallValues(text: string, from: number, to: number): Wrapped[] {
  const out: Wrapped[] = [];
  const add = (start: number, end: number, value: string, callAt: number): void => {
    const decoded = decodeText(value);
    if (!decoded || out.length >= MAX_VALUES) return;
    const lo = Math.max(0, callAt - 240);
    const lineStart = lo + text.slice(lo, callAt).lastIndexOf("\n") + 1;
    const name = ASSIGNED.exec(text.slice(lineStart, callAt))?.[1];
    // What the decoded value lost: the code before it (an endpoint host), and the name it is kept under.
    const context = `${text.slice(Math.max(0, callAt - 400), lineStart)}\n${name ? `${name}=` : ""}`;
    out.push({ start, end, source: "decode-call", texts: [`${context}${decoded}\n`], after: context.length });
  };
  for (const m of matchesIn(DECODE_CALL, text, from, to)) {
    const open = m.index + m[0].length - 1;
    const at = callArgument(text, open, 0, 200);
    const lit = at === undefined ? undefined : literalArgument(text, at, MAX_ENCODED);
    if (!lit) continue;
    if (m[0].startsWith("Buffer")) {
      // Buffer.from(x, "base64" | "base64url"): the encoding argument says it.
      const rest = text.slice(lit.end + 1, lit.end + 40);
      if (!/^[ \t]*,[ \t]*["']base64(?:url)?["'][ \t]*\)/.test(rest)) continue;
    }
    add(lit.start, lit.end, lit.value, m.index);
  }
  for (const m of matchesIn(SHELL_DECODE, text, from, to, MAX_ENCODED + 200)) {
    const value = m[2]!;
    const start = m.index + m[0].indexOf(value);
    add(start, start + value.length, value, m.index);
  }
  return out;
}

function toCandidate(w: Wrapped, found: Finding): Candidate {
  return {
    start: w.start,
    end: w.end,
    service: found.service,
    severity: found.severity,
    fields: { ...found.fields, encoding: "base64", source: w.source, innerRule: found.ruleId },
    note: `base64-encoded ${titleOf(found.ruleId)}${found.note ? ` (${found.note})` : ""}.`,
  };
}

export const base64Wrapped: Detector = {
  id: ID,
  service: "storage",
  title: "Azure credential stored base64-encoded",
  description:
    "An Azure credential hidden by base64 encoding: a value under `data:` of a Kubernetes `Secret` manifest, an `.npmrc` `_password=` / `_auth=` for an Azure Artifacts feed (`pkgs.dev.azure.com`), a Docker `config.json` / `.dockerconfigjson` `auth` entry (`user:password`) for an `*.azurecr.io` registry, an `Authorization: Basic` header sent to Azure DevOps or a container registry, or a literal decoded in code at run time (`Buffer.from(\"...\", \"base64\")`, `atob`, Python `b64decode`, .NET `Convert.FromBase64String`, Java `Base64.getDecoder().decode`, Go `DecodeString`, `echo ... | base64 -d`; the literal or a same-file `const` holding it). Base64 is an encoding, not encryption: the value is decoded and checked by every other detector, and reported with the service of what is inside.",
  keywords: ["kind: secret", "kind: \"secret\"", "kind: 'secret'", "\"kind\": \"secret\"", "\"kind\":\"secret\"", ":_password", ":_auth", "azurecr.io", "basic ", "buffer.from", "atob(", "b64decode(", "frombase64string(", "decoder().decode(", "decodestring(", "| base64"],
  window: { before: 512, after: 2048 },
  severity: "error",
  priority: 40,
  find({ text, from, to }) {
    const wrapped: Wrapped[] = [];
    // Each manifest document is read once per window, however many `kind: Secret` lines it has.
    let readUpTo = -1;
    for (const k of matchesIn(SECRET_KIND_G, text, from, to)) {
      if (k.index < readUpTo) continue;
      const doc = documentAround(text, k.index);
      readUpTo = doc.end;
      wrapped.push(...kubernetesSecretValues(text, doc));
    }
    wrapped.push(...npmrcValues(text, from, to), ...dockerConfigAuths(text, from, to), ...basicAuthValues(text, from, to), ...decodeCallValues(text, from, to));
    const out: Candidate[] = [];
    const unresolved = new Set<SecretGroup>();
    const done = new Set<Wrapped>();
    for (const w of wrapped.slice(0, MAX_VALUES)) {
      for (const t of w.texts) {
        const found = scanWith(innerEngine(), t).filter((f) => f.start >= (w.after ?? 0));
        const best = found.find((f) => f.severity === "error") ?? found[0];
        if (best) {
          out.push(toCandidate(w, best));
          done.add(w);
          break;
        }
      }
      if (!done.has(w) && w.group && w.group.members.length > 1) unresolved.add(w.group);
    }
    // Values that say nothing alone may with their siblings: PGHOST and PGPASSWORD, server and password.
    for (const g of unresolved) {
      for (const f of scanWith(innerEngine(), g.text)) {
        const m = g.members.find((x) => f.start >= x.start && f.start < x.end);
        if (!m || done.has(m.wrapped)) continue;
        done.add(m.wrapped);
        out.push(toCandidate(m.wrapped, f));
      }
    }
    return out;
  },
  samples() {
    const b64 = (s: string): string => encodeBase64(new TextEncoder().encode(s));
    const storageKey = fakeBase64(64, "b64w-storage");
    const conn = `DefaultEndpointsProtocol=https;AccountName=contosoapp;AccountKey=${storageKey};EndpointSuffix=core.windows.net`;
    const pat = makeAdoPat(rng("b64w-pat"));
    const acr = fakeIdentifiable(39, "+ACR", "ACRDflt0", "b64w-acr");
    const openai = makeCaskKey({ provider: "ACOG", providerReserved: "AAAB" }, rng("b64w-openai"));
    const dockerJson = JSON.stringify({ auths: { "contoso.azurecr.io": { username: "contoso", password: acr, auth: b64(`contoso:${acr}`) } } });
    const random = fakeFromAlphabet(40, "abcdefghijklmnopqrstuvwxyz0123456789", "b64w-random");
    return {
      positive: [
        `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\ntype: Opaque\ndata:\n  AZURE_STORAGE_CONNECTION_STRING: ${b64(conn)}\n  LOG_LEVEL: ${b64("debug")}\n`,
        `data:\n  openai-key: ${b64(openai)}\n---\n# the manifest\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ai\ndata:\n  AZURE_OPENAI_API_KEY: ${b64(openai)}\n`,
        `registry=https://pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/\nalways-auth=true\n//pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/:username=contoso\n//pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/:_password=${b64(pat)}\n//pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/:email=npm@example.com\n`,
        `{\n  "auths": {\n    "contoso.azurecr.io": {\n      "auth": "${b64(`contoso:${acr}`)}"\n    }\n  }\n}`,
        `curl -u : -H "Authorization: Basic ${b64(`:${pat}`)}" https://dev.azure.com/contoso/_apis/projects?api-version=7.1`,
        `const connectionString = Buffer.from("${b64(conn)}", "base64").toString("utf8");`,
        `import base64\nAZURE_OPENAI_API_KEY = base64.b64decode("${b64(openai)}").decode()`,
        `var conn = Encoding.UTF8.GetString(Convert.FromBase64String("${b64(conn)}"));`,
        `const ENCODED = "${b64(conn)}";\nconst conn = atob(ENCODED);`,
        `export AZURE_DEVOPS_EXT_PAT=$(echo "${b64(pat)}" | base64 -d)`,
        `- script: git -c http.extraheader="AUTHORIZATION: basic ${b64(`:${pat}`)}" submodule update --init --recursive`,
        `{\n  "apiVersion": "v1",\n  "kind": "Secret",\n  "type": "kubernetes.io/dockerconfigjson",\n  "data": {\n    ".dockerconfigjson": "${b64(dockerJson)}"\n  }\n}`,
      ],
      negative: [
        // A Secret whose values decode to nothing secret.
        `apiVersion: v1\nkind: Secret\nmetadata:\n  name: settings\ndata:\n  LOG_LEVEL: ${b64("debug")}\n  REGION: ${b64("westeurope")}\n  TOKEN: ${b64(random)}\n`,
        // A ConfigMap is not a Secret (and its values are not base64).
        `apiVersion: v1\nkind: ConfigMap\ndata:\n  AZURE_STORAGE_KEY: ${b64(storageKey)}\n`,
        // npmjs.org, not Azure Artifacts.
        `//registry.npmjs.org/:_auth=${b64(`octocat:${pat}`)}`,
        // A registry that is not an Azure Container Registry.
        `{ "auths": { "ghcr.io": { "auth": "${b64(`octocat:${acr}`)}" } } }`,
        `{ "auths": { "contoso.azurecr.io": { "auth": "${b64("contoso:<password>")}" } } }`,
        // Basic auth to a host that is not Azure DevOps or a registry.
        `curl -H "Authorization: Basic ${b64(`octocat:${pat}`)}" https://api.github.com/user`,
        // An extraheader whose secret is not a PAT (no checksum, no Azure DevOps host).
        `git -c http.extraheader="AUTHORIZATION: basic ${b64(`x-access-token:${random}`)}" fetch`,
        // A base64 image in a Secret is binary, not text.
        `kind: Secret\ndata:\n  logo.png: iVBORw0KGgo${fakeBase64(48, "b64w-png")}\n`,
        `kind: Secret\ndata:\n  AZURE_STORAGE_KEY: ${"QUFBQU".repeat(20)}\n`,
        // Decoded in code, but nothing secret inside: text, JSON settings, an image, a template.
        `const greeting = atob("${b64("hello world, this is a test")}");\nconst logo = Buffer.from("${fakeBase64(120, "b64w-logo")}", "base64");`,
        `const settings = JSON.parse(Buffer.from("${b64(JSON.stringify({ region: "westeurope", endpoint: "https://contoso.blob.core.windows.net" }))}", "base64").toString());`,
        `TEMPLATE = base64.b64decode("${b64("DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>")}").decode()`,
        // Not base64 decoding: Buffer.from of a UTF-8 string.
        `const body = Buffer.from("${b64(conn)}", "utf8");`,
      ],
    };
  },
};
