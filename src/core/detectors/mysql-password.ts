import { fakeFromAlphabet } from "../keys/fake.js";
import { hostSecretDetector, SAMPLE_PASSWORD_ALPHABET as PW_ALPHABET } from "../detect/host-secret-detector.js";
import type { Detector } from "../types.js";

export const mysqlPassword: Detector = hostSecretDetector({
  id: "mysql-password",
  service: "mysql",
  title: "Azure Database for MySQL password",
  description:
    "A password for an Azure Database for MySQL server (`*.mysql.database.azure.com`): in a `mysql://user:pass@host` URL, a JDBC query string, a mysql2 config object (`{ host, user, password }`), a `mysql -p<password>` command line or `MYSQL_PASSWORD` next to the host. Passwords have no fixed shape, so the Azure host must be in the same string, object or nearby setting.",
  hosts: [".mysql.database.azure.com", ".mysql.database.usgovcloudapi.net", ".mysql.database.chinacloudapi.cn"],
  schemes: /^(?:mysql|mysqlx|mariadb|jdbc:mysql|mysql\+\w+)$/,
  cliFlag: /(?:^|\s)(?:-p(?=[^\s-])|--password=)/,
  envNames: /[A-Za-z_.]*(?:MYSQL|DB|DATABASE|DATASOURCE)[._]?PASS(?:WORD)?/,
  memberNames: /^(?:password|pwd)$/i,
  samples() {
    const pw = (n: string) => fakeFromAlphabet(18, PW_ALPHABET, `mysql-pw-${n}`);
    return {
      positive: [
        `const conn = await mysql.createConnection("mysql://app:${pw("1")}@contoso-db.mysql.database.azure.com:3306/shop");`,
        `const pool = mysql.createPool({\n  host: 'contoso-db.mysql.database.azure.com',\n  user: 'app',\n  password: '${pw("2")}',\n  database: 'shop',\n  ssl: { rejectUnauthorized: true },\n});`,
        `mysql -h contoso-db.mysql.database.azure.com -u app -p${pw("3")} shop < schema.sql`,
        `services:\n  web:\n    environment:\n      - MYSQL_HOST=contoso-db.mysql.database.azure.com\n      - MYSQL_PASSWORD=${pw("4")}\n`,
      ],
      negative: [
        `const pool = mysql.createPool({ host: "contoso-db.mysql.database.azure.com", user: "app", password: process.env.MYSQL_PASSWORD });`,
        `mysql -h contoso-db.mysql.database.azure.com -u app -p shop`,
        `DATABASE_URL=mysql://app:<password>@contoso-db.mysql.database.azure.com:3306/shop`,
        `const pool = mysql.createPool({ host: "localhost", user: "root", password: "${pw("5")}" });`,
      ],
    };
  },
});
