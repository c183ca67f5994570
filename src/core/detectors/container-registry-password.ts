import { fakeBase64, fakeFromAlphabet, fakeIdentifiable } from "../keys/fake.js";
import { bareToken, matchesIn, namedValues, trimValue } from "../detect/key-context.js";
import { isReference, stringLiteralAt, valueAfterKey, type ValueSpan } from "../text/literal-context.js";
import { findIdentifiable } from "../keys/identifiable-scan.js";
import { anchorAtEnd } from "../text/window.js";
import { keywordBits, mayHold, wordTable } from "../detect/keyword-bits.js";
import type { Candidate, Detector } from "../types.js";
import { distinctChars, entropy, isPlaceholder } from "../keys/validators.js";

/** `docker login`, `az acr login`, `podman login`, `helm registry login`, `oras login`. */
const LOGIN = anchorAtEnd(/\b(?:docker|podman|nerdctl|oras|buildah|helm registry|az acr)[ \t]+login\b/gi, "login", String.raw`\b`);
const PASSWORD_FLAG = /(?:^|[ \t])(?:-p|--password|--docker-password)(?=[ \t=])/g;
const DOCKER_SECRET = anchorAtEnd(/\b(?:kubectl|oc)[ \t]+create[ \t]+secret[ \t]+docker-registry\b/gi, "docker-registry", String.raw`\b`);
const SETTING = anchorAtEnd(
  /(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}(?:docker_registry_server_password|DOCKER_REGISTRY_SERVER_PASSWORD|acr_?(?:admin_?)?password|registry_?password)(?![\w-])/gi,
  "password",
  String.raw`(?![\w-])`,
);
/** Registry passwords given to App Service, Container Apps and Container Instances commands. */
const AZ_REGISTRY_FLAG = anchorAtEnd(/(?<![\w-])--(?:docker-registry-server|registry)-password(?=[ \t=])/gi, "password", String.raw`(?=[ \t=])`);
/** `echo "<pw>" | ` / `printf '%s' '<pw>' | ` / PowerShell `"<pw>" | ` just before a `--password-stdin` login. */
const PIPED_LITERAL = /(?:\b(?:echo|printf)(?:[ \t]+-n)?(?:[ \t]+(["'])%s\1)?[ \t]+|^|[;&(][ \t]*)(?:(["'])([^"'\r\n]{16,200})\2|([^\s"'|;&$`]{16,200}))[ \t]*\|[ \t]*$/;
const AUTHS_HOST = /["'][a-z0-9-]{1,60}\.azurecr\.io["'][ \t]*:[ \t]*\{/gi;

// One line: a keyword list broken over lines reads to the scanner like `name: "value"` pairs.
const KEYWORDS = ["+acr", "login", "docker-registry", "registry-server-password", "registry-password", "docker_registry_server_password", "acr_password", "acrpassword", "acr_admin_password", "acradminpassword", "acr_adminpassword", "acradmin_password", "registry_password", "registrypassword", "azurecr.io"];
/**
 * The searches a window needs, by the keywords every match of each holds within the window's
 * `before` reach (keyword-bits.ts). Logins are searched in every window: `[ \t]+` may put `login`
 * any distance after `docker`.
 */
const IDENTIFIABLE_WORDS = keywordBits(KEYWORDS, ["+acr"]);
const FLAG_WORDS = keywordBits(KEYWORDS, ["registry-server-password", "registry-password"]);
// The setting names: every keyword from docker_registry_server_password to registrypassword.
const SETTING_WORDS = keywordBits(KEYWORDS, KEYWORDS.slice(KEYWORDS.indexOf("docker_registry_server_password"), KEYWORDS.indexOf("azurecr.io")));
const CONFIG_WORDS = keywordBits(KEYWORDS, ["azurecr.io"]);
/** The login commands are tried where `login` / `docker-registry` start (DetectorInput.found). */
const ANCHORS = ["login", "docker-registry"];
const LOGIN_END = wordTable(ANCHORS, ["login"]);
const SECRET_END = wordTable(ANCHORS, ["docker-registry"]);

/** The command starting at `at`: its line plus `\` / backtick continuation lines, at most 600 characters. */
function commandAt(text: string, at: number): { start: number; text: string } {
  const max = Math.min(text.length, at + 600);
  let e = at;
  while (e < max) {
    const c = text.charCodeAt(e);
    if (c === 10 || c === 13) {
      const prev = text[e - 1];
      if (prev === "\\" || prev === "`" || (prev === "\r" && (text[e - 2] === "\\" || text[e - 2] === "`"))) {
        e++;
        continue;
      }
      break;
    }
    e++;
  }
  return { start: at, text: text.slice(at, e) };
}

/** A password value: not a reference or placeholder, long and varied enough to be generated. */
function isPasswordLike(value: string): boolean {
  if (value.length < 16 || value.length > 200) return false;
  if (isReference(value) || isPlaceholder(value) || value.startsWith("-")) return false;
  return distinctChars(value) >= 10 && entropy(value) >= 3.2;
}

function flagValue(text: string, flagEnd: number): ValueSpan | undefined {
  const sep = /^(?:=|[ \t]{1,4})/.exec(text.slice(flagEnd, flagEnd + 5));
  if (!sep) return undefined;
  const at = flagEnd + sep[0].length;
  return /["']/.test(text[at] ?? "") ? stringLiteralAt(text, at) : bareToken(text, at);
}

export const containerRegistryPassword: Detector = {
  id: "container-registry-password",
  service: "container-registry",
  title: "Azure Container Registry password",
  description:
    "An Azure Container Registry admin or token password: the identifiable 52-character format (`+ACR` signature, Marvin32 checksum with the ACRDflt0 seed) anywhere, or a password given to `docker login <name>.azurecr.io -p/--password` (and podman, oras, helm, `az acr login`), `kubectl create secret docker-registry --docker-server=<name>.azurecr.io --docker-password`, an App Service `DOCKER_REGISTRY_SERVER_PASSWORD` setting, or an `.azurecr.io` entry of a Docker `config.json` / `.dockerconfigjson`. Pull with a managed identity (AcrPull) instead.",
  keywords: KEYWORDS,
  anchors: ANCHORS,
  window: { before: 120, after: 600 },
  severity: "error",
  priority: 60,
  find({ text, from, to, hits, found }) {
    const out: Candidate[] = [];
    const push = (v: ValueSpan, context: string): void => {
      const t = trimValue(v);
      if (isPasswordLike(t.value)) out.push({ start: t.start, end: t.end, fields: { format: "password", context } });
    };
    if (mayHold(hits, IDENTIFIABLE_WORDS))
      for (const k of findIdentifiable(text, from, to, "+ACR", 39, ["ACRDflt0"])) out.push({ start: k.start, end: k.end, fields: { format: "identifiable" } });
    const commands = [
      ...matchesIn(LOGIN, text, from, to, undefined, { found, table: LOGIN_END }),
      ...matchesIn(DOCKER_SECRET, text, from, to, undefined, { found, table: SECRET_END }),
    ];
    for (const m of commands) {
      const cmd = commandAt(text, m.index);
      // `az acr login` is ACR by definition; other logins must name an azurecr.io registry.
      if (!/^az acr/i.test(m[0]) && !/\.azurecr\.io\b/i.test(cmd.text)) continue;
      if (/--password-stdin\b/.test(cmd.text)) {
        // The literal piped into the login, on the same line.
        // The line start, looked for only in the 300 characters before the login (lastIndexOf
        // over the whole text would make a long line of logins quadratic).
        const lo = Math.max(0, m.index - 300);
        const ls = lo + text.slice(lo, m.index).lastIndexOf("\n") + 1;
        const p = PIPED_LITERAL.exec(text.slice(ls, m.index));
        if (p) {
          const value = p[3] ?? p[4]!;
          const start = ls + p.index + p[0].lastIndexOf(value);
          push({ start, end: start + value.length, value, quoted: p[3] !== undefined }, "login --password-stdin");
        }
      }
      for (const f of matchesIn(PASSWORD_FLAG, cmd.text, 0, cmd.text.length)) {
        if (/^\s*--password-stdin/.test(cmd.text.slice(f.index))) continue;
        const v = flagValue(text, cmd.start + f.index + f[0].length);
        if (v) push(v, m[0].toLowerCase().includes("secret") ? "kubectl docker-registry secret" : "login");
      }
    }
    if (mayHold(hits, FLAG_WORDS)) for (const f of matchesIn(AZ_REGISTRY_FLAG, text, from, to)) {
      const line = text.slice(Math.max(0, f.index - 600), Math.min(text.length, f.index + 600));
      if (!/\.azurecr\.io\b/i.test(line)) continue;
      const v = flagValue(text, f.index + f[0].length);
      if (v) push(v, f[0].toLowerCase());
    }
    if (mayHold(hits, SETTING_WORDS)) for (const { value } of namedValues(SETTING, text, from, to)) push(value, "setting");
    if (mayHold(hits, CONFIG_WORDS)) for (const m of matchesIn(AUTHS_HOST, text, from, to)) {
      // The registry's entry: up to its closing brace.
      const open = m.index + m[0].length;
      const close = text.indexOf("}", open);
      const body = text.slice(open, close === -1 ? Math.min(text.length, open + 400) : Math.min(close, open + 400));
      const p = /["']password["']/i.exec(body);
      if (!p) continue;
      const v = valueAfterKey(text, open + p.index + p[0].length - 1);
      if (v) push(v, "docker config");
    }
    return out;
  },
  samples() {
    const id = fakeIdentifiable(39, "+ACR", "ACRDflt0", "acr-1");
    const legacy = fakeFromAlphabet(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", "acr-legacy");
    const token = fakeBase64(33, "acr-token");
    return {
      positive: [
        `docker login contoso.azurecr.io -u contoso -p ${legacy}`,
        `RUN echo building && \\\n    docker login --username contoso \\\n    --password "${token}" contoso.azurecr.io`,
        `az webapp config appsettings set -g rg -n app --settings DOCKER_REGISTRY_SERVER_PASSWORD=${legacy}`,
        `{\n  "auths": {\n    "contoso.azurecr.io": {\n      "username": "contoso",\n      "password": "${token}"\n    }\n  }\n}`,
        `kubectl create secret docker-registry acr-pull --docker-server=contoso.azurecr.io \\\n  --docker-username=contoso --docker-password=${legacy}`,
        `// pulled from the portal\nconst acr = "${id}";`,
        `Environment.SetEnvironmentVariable("DOCKER_REGISTRY_SERVER_PASSWORD", "${legacy}");`,
        `echo "${legacy}" | docker login contoso.azurecr.io -u contoso --password-stdin`,
        `az webapp config container set -n api -g rg --docker-custom-image-name contoso.azurecr.io/api:1 --docker-registry-server-user contoso --docker-registry-server-password ${token}`,
        `az containerapp registry set -n api -g rg --server contoso.azurecr.io --username contoso --registry-password '${legacy}'`,
      ],
      negative: [
        "docker login contoso.azurecr.io -u contoso --password-stdin < pw.txt",
        'echo "$ACR_PASSWORD" | docker login contoso.azurecr.io -u contoso --password-stdin',
        "az acr login -n contoso --expose-token -o tsv --query accessToken | docker login contoso.azurecr.io -u 00000000-0000-0000-0000-000000000000 --password-stdin",
        "az containerapp registry set -n api -g rg --server contoso.azurecr.io --username contoso --registry-password $(az acr credential show -n contoso --query passwords[0].value -o tsv)",
        // Keyword tables and prose listing setting names are not name/value pairs.
        `const NAMES = ["docker_registry_server_password", "acr_password", "acr_admin_password", "registry_password", "registrypassword"];`,
        "- **Keywords:** `docker_registry_server_password`, `login`, `registry_password`, `registrypassword`, `azurecr.io`",
        "docker login contoso.azurecr.io -u $ACR_USER -p $ACR_PASSWORD",
        `docker login ghcr.io -u octocat -p ${legacy}`,
        "- run: docker login contoso.azurecr.io -u ${{ secrets.ACR_USER }} -p ${{ secrets.ACR_PASSWORD }}",
        `DOCKER_REGISTRY_SERVER_PASSWORD=@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/acr/)`,
        `{ "auths": { "contoso.azurecr.io": { "identitytoken": "<token>", "password": "<password>" } } }`,
      ],
    };
  },
};
