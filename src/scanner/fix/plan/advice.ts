/**
 * The manual path for findings `azure-msi fix` does not rewrite, by kind of file: there is no
 * identity-based form of a secret in .env, appsettings.json, YAML, XML, Bicep or Terraform, so the
 * report names the key, the service and the recommended move instead of a silent rewrite.
 */
import { describeFinding } from "../../../core/report/advice.js";
import { parseJsonText, type JsonNode } from "../../../core/fixes/config/json-text.js";
import type { Finding } from "../../../core/types.js";

export const KEY_VAULT_REFERENCE = "@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/)";

const CI = /(?:^|\/)(?:\.github\/workflows\/[^/]+\.ya?ml|azure-pipelines[^/]*\.ya?ml|\.gitlab-ci\.ya?ml|bitbucket-pipelines\.ya?ml|\.circleci\/config\.ya?ml|jenkinsfile)$/i;
const APP_SETTINGS = /(?:^|\/)(?:appsettings[^/]*\.json|local\.settings\.json|web\.config|app\.config|[^/]*\.config)$/i;

/** "Move the key..." -> "move the key..." (not "IoT ..." or "SAS ..."). */
const lowerFirst = (t: string): string => (/^[A-Z][a-z]/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t);

export function manualPath(file: string, finding: Pick<Finding, "ruleId" | "service" | "severity" | "fields">, text?: string): string {
  const advice = describeFinding(finding, { rotate: false });
  const mi = advice.msi.supported !== false;
  const name = advice.serviceName;
  const inCode = mi ? `give the app a Managed Identity and use it in code (${advice.msi.replacement}; roles: ${advice.msi.roles.slice(0, 2).join(", ")})` : `${name} does not accept Managed Identity here: ${lowerFirst(advice.alternative ?? "keep the secret in Key Vault")}`;
  const f = file.toLowerCase();
  if (CI.test(f)) return `Move the value to the CI system's secret store (GitHub Actions secrets, Azure Pipelines secret variables or a variable group linked to Key Vault); for Azure sign-in prefer workload identity federation. Then ${inCode}.`;
  if (APP_SETTINGS.test(f)) {
    const kv = `a Key Vault reference in the App Service / Functions settings (${KEY_VAULT_REFERENCE}, read by the app's identity with Key Vault Secrets User)`;
    return mi ? `Remove it from this file: ${inCode}; where a secret must stay, use ${kv}.` : `${inCode.replace(/[.\s]+$/, "")}. Remove it from this file and use ${kv}.`;
  }
  if (/(?:^|\/)\.env(?:\.[^/]*)?$|\.env$/.test(f)) return `Delete it from the .env file: ${inCode}; locally DefaultAzureCredential uses your Azure sign-in. Anything that must stay secret belongs in Key Vault.`;
  if (/\.(?:bicep|bicepparam|tf|tfvars)$/.test(f) || /(?:^|\/)azuredeploy[^/]*\.json$/.test(f)) return `Do not keep the secret in infrastructure code: give the app a managed identity and a role assignment in the template${mi ? ` (${advice.msi.roles[0] ?? "the data role"})` : ""}; where a secret is unavoidable, read it from Key Vault (Bicep getSecret(), Terraform azurerm_key_vault_secret).`;
  if (/\.ya?ml$/.test(f)) {
    if (text && /^\s*kind:\s*(?:Secret|Deployment|Pod|StatefulSet|ConfigMap)\b/m.test(text)) return `Kubernetes: use AKS workload identity so that pods get Entra tokens (${mi ? inCode : "the Key Vault CSI driver for secrets that must stay"}); do not keep keys in manifests.`;
    return `Remove it from the YAML file and supply it at deploy time from a secret store (Key Vault, the CI system's secrets); better, ${inCode}.`;
  }
  if (/\.(?:xml|config|properties|ini|toml)$/.test(f)) return `Remove it from the file and ${inCode}; where a secret must stay, load it from Key Vault at run time.`;
  if (/\.(?:sh|bash|ps1|cmd|bat)$/.test(f)) return `Scripts: sign in with the identity (az login --identity, or workload identity federation in CI) instead of a key; ${inCode}.`;
  if (/\.(?:py|cs|java|go|rb|php|kt|scala|rs|cpp|c|swift)$/.test(f)) return `Automatic rewrites cover JavaScript and TypeScript only: ${mi ? `rewrite it by hand with a TokenCredential (${advice.msi.replacement})` : inCode}.`;
  return `Remove the value: ${inCode}.`;
}

/** The key path of the JSON member whose value holds [start, end), e.g. "ConnectionStrings.Orders". */
function jsonKeyPath(root: JsonNode | undefined, start: number, end: number): string | undefined {
  const path: string[] = [];
  let node = root;
  for (let depth = 0; node && depth < 32; depth++) {
    if (node.kind === "object") {
      const m = node.members.find((x) => start >= x.valueStart && end <= x.valueEnd);
      if (!m) break;
      path.push(m.key);
      node = m.value;
    } else if (node.kind === "array") {
      const i = node.items.findIndex((x) => start >= x.start && end <= x.end);
      if (i < 0) break;
      path.push(String(i));
      node = node.items[i];
    } else break;
  }
  return path.length > 0 ? path.join(".") : undefined;
}

/**
 * The name the secret sits under in a config file, for the report: a JSON key path, an XML
 * `name="..."`, the `KEY=` / `key:` / `name =` before it on its line, or the command-line flag.
 */
export function keyNameAt(file: string, text: string, start: number, end: number): string | undefined {
  if (/\.json$/i.test(file)) {
    const path = jsonKeyPath(parseJsonText(text), start, end);
    if (path) return path;
  }
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const nl = text.indexOf("\n", end);
  const line = text.slice(lineStart, nl < 0 ? text.length : nl);
  const prefix = text.slice(lineStart, start).slice(-400);
  if (/\.(?:xml|config|csproj|props)$/i.test(file)) {
    const name = /\b(?:name|key)\s*=\s*"([^"]{1,100})"/i.exec(line);
    if (name) return name[1];
  }
  // { name: 'BATCH_KEY', value: '<secret>' } (Bicep app settings, Kubernetes env, ARM)
  const pair = /\bname["']?\s*[:=]\s*["']([^"']{1,100})["']/i.exec(line);
  if (pair && /\bvalue["']?\s*[:=]\s*["']?[^"']*$/i.test(prefix)) return pair[1];
  const bicep = /^\s*(?:param|var|output)\s+([A-Za-z_]\w{0,100})\b/.exec(line);
  if (bicep) return bicep[1];
  const assignments = [...prefix.matchAll(/(?<![\w$.:/-])([A-Za-z_$][\w.:$-]{0,100})["']?\s*(?::(?!\/\/)|=|:=)\s*/g)];
  const last = assignments[assignments.length - 1];
  const flags = [...prefix.matchAll(/(?:^|\s)(--?[A-Za-z][\w-]{0,60})(?:=|\s+)/g)];
  const flag = flags[flags.length - 1];
  if (flag && (!last || (flag.index ?? 0) > (last.index ?? 0))) return flag[1];
  // A connection-string field (AccountKey=) is not the setting's name: take the first assignment.
  const first = assignments.find((m) => !/^(?:AccountKey|SharedAccessKey|Password|Pwd|AccessKey|Secret|Key|sig)$/i.test(m[1]!));
  return first?.[1] ?? last?.[1];
}
