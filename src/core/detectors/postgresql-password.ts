import { fakeFromAlphabet } from "../keys/fake.js";
import { hostSecretDetector, SAMPLE_PASSWORD_ALPHABET as PW_ALPHABET } from "../detect/host-secret-detector.js";
import type { Detector } from "../types.js";

export const postgresqlPassword: Detector = hostSecretDetector({
  id: "postgresql-password",
  service: "postgresql",
  title: "Azure Database for PostgreSQL password",
  description:
    "A password for an Azure Database for PostgreSQL server (`*.postgres.database.azure.com`, or a Cosmos DB for PostgreSQL cluster `*.postgres.cosmos.azure.com`): in a `postgres://user:pass@host` URL, a libpq `host=... password=...` string, a JDBC query string, a `pg` config object (`{ host, user, password }`) or `PGPASSWORD` next to the host. Passwords have no fixed shape, so the Azure host must be in the same string, object or nearby setting.",
  hosts: [
    ".postgres.database.azure.com",
    ".postgres.database.usgovcloudapi.net",
    ".postgres.database.chinacloudapi.cn",
    // Azure Cosmos DB for PostgreSQL (Citus) clusters.
    ".postgres.cosmos.azure.com",
  ],
  schemes: /^(?:postgres|postgresql|jdbc:postgresql|postgresql\+\w+)$/,
  envNames: /[A-Za-z_.]*(?:PG|POSTGRES|DB|DATABASE|DATASOURCE)[._]?PASS(?:WORD)?/,
  memberNames: /^(?:password|pwd)$/i,
  samples() {
    const pw = (n: string) => fakeFromAlphabet(18, PW_ALPHABET, `pg-pw-${n}`);
    return {
      positive: [
        `DATABASE_URL=postgres://app:${pw("1")}@contoso-pg.postgres.database.azure.com:5432/orders?sslmode=require\n`,
        `const pool = new Pool({\n  host: "contoso-pg.postgres.database.azure.com",\n  user: "app",\n  password: "${pw("2")}",\n  database: "orders",\n  ssl: true,\n});`,
        `conn = psycopg2.connect("host=contoso-pg.postgres.database.azure.com port=5432 dbname=orders user=app password=${pw("3")} sslmode=require")`,
        `PGHOST=contoso-pg.postgres.database.azure.com\nPGUSER=app\nPGPASSWORD=${pw("4")}\n`,
        `kubectl create secret generic orders-db \\\n  --from-literal=host=contoso-pg.postgres.database.azure.com \\\n  --from-literal=password='${pw("8")}'`,
        `spring.datasource.url=jdbc:postgresql://contoso-pg.postgres.database.azure.com:5432/orders?user=app&password=${pw("5")}&sslmode=require`,
      ],
      negative: [
        `DATABASE_URL=postgres://app@contoso-pg.postgres.database.azure.com:5432/orders?sslmode=require`,
        `const pool = new Pool({ host: "contoso-pg.postgres.database.azure.com", user: "app", password: process.env.PGPASSWORD });`,
        `const pool = new Pool({ host: "contoso-pg.postgres.database.azure.com", user: "mi-app", password: async () => (await credential.getToken(scope)).token });`,
        `DATABASE_URL=postgres://app:\${DB_PASSWORD}@contoso-pg.postgres.database.azure.com:5432/orders`,
        `DATABASE_URL=postgres://app:${pw("6")}@localhost:5432/orders`,
        `PGHOST=contoso-pg.postgres.database.azure.com\nPGPASSWORD=<password>\n`,
        // The password belongs to the sibling (local) connection, not to the Azure one.
        `"sqltools.connections": [\n  { "server": "localhost", "username": "admin", "password": "${pw("7")}" },\n  { "server": "contoso-pg.postgres.database.azure.com", "username": "app", "askForPassword": true }\n]`,
      ],
    };
  },
});
