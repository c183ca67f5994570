import { findConnectionString } from "../keys/connection-string.js";
import { fakeFromAlphabet } from "../keys/fake.js";
import {
  cliPasswords,
  envPasswords,
  hostAt,
  hostStart,
  isHostMemberValue,
  isPlausiblePassword,
  MIN_HOST_GAP,
  passwordMembers,
  urlCredentialBefore,
  yamlSiblingPasswords,
  fromLiteralPasswords,
} from "../detect/host-secrets.js";
import { lineAround, type ValueSpan } from "../text/literal-context.js";
import type { Candidate, Detector } from "../types.js";

const HOSTS = [
  ".database.windows.net",
  ".database.usgovcloudapi.net",
  ".database.chinacloudapi.cn",
  ".database.cloudapi.de",
  // Synapse dedicated and serverless SQL endpoints take the same SQL logins.
  ".sql.azuresynapse.net",
];
/** Entra authentication modes that carry no password (or only a client id in `User ID`). */
const KEYLESS_AUTH = /managed identity|\bmsi\b|active directory default|integrated|interactive|workload identity|device code/i;
const SQL_PASSWORD_FLAG = /(?:^|\s)(?:-P|--password)(?:[ \t]+|=)/;
/** Settings next to the host: `SQL_PASSWORD=`, `spring.datasource.password=`, `DB_PWD:`. */
const SQL_ENV_NAMES = /[A-Za-z_.]*(?:SQL|MSSQL|DB|DATABASE|DATASOURCE)[._]?(?:PASS(?:WORD)?|PWD)/;
const PW_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%*+-=?@_";

export const sqlPassword: Detector = {
  id: "sql-password",
  service: "sql",
  title: "Azure SQL Database password",
  description:
    "A SQL login password for an Azure SQL server (`*.database.windows.net`, or a Synapse `*.sql.azuresynapse.net` endpoint): in an ADO.NET/JDBC connection string (`Password=`/`PWD=`), a `sqlserver://user:pass@host` URL, an mssql/tedious config object (`{ server, user, password }` or `authentication.options.password`) or a `sqlcmd -P` command line. Passwords have no fixed shape, so the Azure host must be in the same string, object or command.",
  keywords: HOSTS,
  window: { before: 700, after: 700 },
  severity: "error",
  priority: 60,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    const seen = new Set<number>();
    const push = (v: ValueSpan, fields: Record<string, string>, extra: Partial<Candidate> = {}): void => {
      if (seen.has(v.start) || !isPlausiblePassword(v.value)) return;
      seen.add(v.start);
      out.push({ start: v.start, end: v.end, fields, ...extra });
    };
    const lower = text.slice(from, to).toLowerCase();
    const fromLiteral = lower.includes("--from-literal");
    let envDone = false;
    for (const suffix of HOSTS) {
      let lastAt = -MIN_HOST_GAP;
      let lastEnd = -1;
      let lastLine = -1;
      for (let i = lower.indexOf(suffix); i !== -1; i = lower.indexOf(suffix, i + suffix.length)) {
        const at = from + i;
        // Hosts inside the connection string just parsed, or packed closer than real settings can
        // be, add nothing: skipping them keeps dense input linear.
        if (at < lastEnd || at - lastAt < MIN_HOST_GAP) continue;
        lastAt = at;
        const hs = hostStart(text, at);
        const host = hostAt(text, at, suffix);
        const url = urlCredentialBefore(text, hs);
        if (url) push(url.password, { host, form: "url", user: url.user });
        const cs = findConnectionString(text, at, from, to);
        lastEnd = cs.end;
        const pw = cs.get("Password") ?? cs.get("PWD");
        if (pw) {
          const auth = cs.value("Authentication") ?? "";
          if (!KEYLESS_AUTH.test(auth)) {
            const user = cs.value("User ID") ?? cs.value("UID") ?? cs.value("User") ?? "";
            const sp = /service principal/i.test(auth);
            push(
              { start: pw.valueStart, end: pw.valueEnd, value: pw.value, quoted: false },
              { host, form: "connection-string", user, ...(auth ? { authentication: auth } : {}) },
              {
                container: { start: cs.start, end: cs.end },
                ...(sp ? { note: "With Active Directory Service Principal authentication this Password is an Entra client secret." } : {}),
              },
            );
          }
        }
        if (isHostMemberValue(text, hs)) {
          for (const v of passwordMembers(text, at, from, to, /^(?:password|pwd)$/i)) push(v, { host, form: "config" });
        }
        for (const v of yamlSiblingPasswords(text, at)) push(v, { host, form: "yaml" });
        if (fromLiteral) for (const v of fromLiteralPasswords(text, at, SQL_ENV_NAMES)) push(v, { host, form: "command-line" });
        if (!envDone) {
          envDone = true;
          for (const v of envPasswords(text, Math.max(0, at - 400), Math.min(text.length, at + 400), SQL_ENV_NAMES))
            push(v, { host, form: "env" });
        }
        const line = lineAround(text, at);
        if (line.start !== lastLine) {
          lastLine = line.start;
          for (const v of cliPasswords(text, at, SQL_PASSWORD_FLAG)) push(v, { host, form: "command-line" });
        }
      }
    }
    return out;
  },
  samples() {
    const pw = (n: string) => fakeFromAlphabet(16, PW_ALPHABET, `sql-pw-${n}`);
    return {
      positive: [
        `"ConnectionStrings": {\n  "Orders": "Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=orders;Persist Security Info=False;User ID=app;Password=${pw("1")};MultipleActiveResultSets=False;Encrypt=True;"\n}`,
        `const pool = await sql.connect({\n  server: "contoso-sql.database.windows.net",\n  database: "orders",\n  user: "app",\n  password: "${pw("2")}",\n  options: { encrypt: true },\n});`,
        `const connection = new Connection({\n  server: 'contoso-sql.database.windows.net',\n  authentication: { type: 'default', options: { userName: 'app', password: '${pw("3")}' } },\n});`,
        `DATABASE_URL=sqlserver://app:${pw("4")}@contoso-sql.database.windows.net:1433?database=orders`,
        `sqlcmd -S contoso-sql.database.windows.net -d orders -U app -P '${pw("5")}' -i seed.sql`,
        `<add name="Db" connectionString="Data Source=contoso-sql.database.windows.net;Database=orders;UID=app;PWD=${pw("6")}" />`,
        `spring.datasource.url=jdbc:sqlserver://contoso-sql.database.windows.net:1433;database=orders;encrypt=true\nspring.datasource.username=app\nspring.datasource.password=${pw("8")}\n`,
        `conn = pyodbc.connect("DRIVER={ODBC Driver 18 for SQL Server};SERVER=tcp:contoso-sql.database.windows.net,1433;DATABASE=orders;UID=app;PWD=${pw("9")}")`,
      ],
      negative: [
        `"Orders": "Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=orders;Authentication=Active Directory Managed Identity;User Id=7f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b;Encrypt=True;"`,
        `"Orders": "Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password={your_password};Encrypt=True;"`,
        `const pool = await sql.connect({ server: "contoso-sql.database.windows.net", database: "orders", user: "app", password: process.env.SQL_PASSWORD });`,
        `const config = { server: "contoso-sql.database.windows.net", authentication: { type: "azure-active-directory-default", options: { clientId } } };`,
        `Server=tcp:contoso-sql.database.windows.net;Database=orders;User ID=app;Password=$(SqlPassword);`,
        `Server=localhost;Database=orders;User ID=sa;Password=${pw("7")};`,
        `spring.datasource.url=jdbc:sqlserver://contoso-sql.database.windows.net:1433;database=orders;authentication=ActiveDirectoryMSI\nspring.datasource.password=\${SQL_PASSWORD}\n`,
      ],
    };
  },
};
