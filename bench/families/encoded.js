// Secrets hidden by base64 in code and decoded at run time: Buffer.from(..., "base64"), atob,
// Python base64.b64decode, .NET Convert.FromBase64String, Java Base64.getDecoder().decode.
import { b64text, camel, codeSecrets } from "./_code-secrets.js";

export default function encoded(fakes) {
  const { conns, keys } = codeSecrets(fakes);
  const positives = [];
  const add = (service, file, text) => positives.push({ service, file, text });
  for (const s of conns) {
    const e = b64text(s.value);
    const id = camel(s.name);
    add(s.service, "config.ts", `const ${id} = Buffer.from("${e}", "base64").toString("utf8");\nexport default ${id};\n`);
    add(s.service, "config.js", `const conn = atob("${e}");\nmodule.exports = { conn };\n`);
    add(s.service, "settings.py", `import base64\n\n${s.name} = base64.b64decode("${e}").decode("utf-8")\n`);
    add(s.service, "Settings.cs", `var conn = Encoding.UTF8.GetString(Convert.FromBase64String("${e}"));\n`);
    add(s.service, "Settings.java", `String conn = new String(Base64.getDecoder().decode("${e}"), StandardCharsets.UTF_8);\n`);
  }
  for (const s of keys) {
    const host = s.host ? `const endpoint = "${s.host}";\n` : "";
    add(s.service, "secrets.ts", `${host}const ${camel(s.name)} = Buffer.from("${b64text(s.value)}", "base64").toString();\n`);
    add(s.service, "env.js", `${host}process.env.${s.name} ??= atob("${b64text(s.value)}");\n`);
  }
  const negatives = [
    { kind: "decoded-non-secret", file: "decode.ts", text: `const greeting = atob("${b64text("hello world, this is a test")}");\nconst config = JSON.parse(Buffer.from("${b64text(JSON.stringify({ region: "westeurope", retries: 3, endpoint: "https://contoso.blob.core.windows.net" }))}", "base64").toString());\nconst logo = Buffer.from("${fakes.fakeBase64(120, "fam-enc-neg-png")}", "base64");\n` },
    { kind: "decoded-non-secret", file: "template.py", text: `import base64\nTEMPLATE = base64.b64decode("${b64text("DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>")}").decode()\n` },
    { kind: "decoded-non-secret", file: "Token.cs", text: `var payload = Encoding.UTF8.GetString(Convert.FromBase64String(token.Split('.')[1]));\nvar header = Convert.FromBase64String("${b64text('{"alg":"RS256","typ":"JWT"}')}");\n` },
  ];
  return { family: "encoded", positives, negatives };
}
