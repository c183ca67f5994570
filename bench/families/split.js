// Secrets split into parts joined at run time: array joins, Python implicit concatenation and
// "".join, template literals and `+` over constants, string.Concat, StringBuilder.append chains.
import { codeSecrets } from "./_code-secrets.js";

export default function split(fakes) {
  const { conns, b64 } = codeSecrets(fakes);
  const positives = [];
  const add = (service, file, text) => positives.push({ service, file, text });
  for (const s of conns) {
    const v = s.value;
    const cut = Math.floor(v.length / 2) + 3;
    const [a, b] = [v.slice(0, cut), v.slice(cut)];
    const third = [v.slice(0, cut - 20), v.slice(cut - 20, cut + 10), v.slice(cut + 10)];
    add(s.service, "join.ts", `const conn = [\n  "${third[0]}",\n  "${third[1]}",\n  "${third[2]}",\n].join("");\n`);
    add(s.service, "join.py", `CONN = "".join([\n    "${a}",\n    "${b}",\n])\n`);
    add(s.service, "implicit.py", `CONN = (\n    "${a}"\n    "${b}"\n)\n`);
    add(s.service, "template.ts", `const head = "${a}";\nconst tail = "${b}";\nexport const conn = \`\${head}\${tail}\`;\n`);
    add(s.service, "plus.ts", `const head = "${a}";\nconst tail = "${b}";\nexport const conn = head +\n  tail;\n`);
    add(s.service, "Concat.cs", `var conn = string.Concat("${a}", "${b}");\n`);
    add(s.service, "Builder.java", `String conn = new StringBuilder()\n    .append("${a}")\n    .append("${b}")\n    .toString();\n`);
  }
  const key = b64(64, "split-st");
  add("storage", "template-inline.ts", `const conn = \`DefaultEndpointsProtocol=https;AccountName=\${account};AccountKey=${key};EndpointSuffix=core.windows.net\`;\n`);
  add("storage", "key-plus.ts", `const accountKey = "${key.slice(0, 44)}" +\n  "${key.slice(44)}";\nconst cred = new StorageSharedKeyCredential(account, accountKey);\n`);
  const negatives = [
    { kind: "join-words", file: "words.ts", text: `const title = ["Azure", "Storage", "Explorer"].join(" ");\nconst conn = ["DefaultEndpointsProtocol=https", \`AccountName=\${account}\`, \`AccountKey=\${key}\`].join(";");\nconst path = \`\${root}/\${container}/\${blob}\`;\nconst msg = "Connection string " +\n  "is missing";\n` },
    { kind: "join-words", file: "words.py", text: `name = "".join(["contoso", "-", "data"])\nconn = f"AccountName={account};AccountKey={key}"\nhint = ("Set AZURE_STORAGE_CONNECTION_STRING "\n        "before running the app")\n` },
    { kind: "join-words", file: "consts.ts", text: `const PREFIX = "DefaultEndpointsProtocol=https;AccountName=";\nconst SUFFIX = ";EndpointSuffix=core.windows.net";\nexport const conn = \`\${PREFIX}\${account};AccountKey=\${process.env.STORAGE_KEY}\${SUFFIX}\`;\nexport const other = PREFIX + name + SUFFIX;\n` },
  ];
  return { family: "split", positives, negatives };
}
