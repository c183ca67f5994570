import type { CatalogEntry } from "./types.js";

export const mysql: CatalogEntry = {
  id: "mysql",
  displayName: "Azure Database for MySQL",
  msi: "yes",
  summary: "Flexible Server accepts a Microsoft Entra access token as the password of an Entra user.",
  caveat:
    "mysql2 3.24 and later need `enableCleartextPlugin: true` to send the token; a pool keeps a fixed password, so recreate it before the token expires (about an hour).",
  replacement: 'createPool({ host, user: "<identity>", password: token, ssl: { rejectUnauthorized: true }, enableCleartextPlugin: true })',
  action: "connect with a Microsoft Entra token as the password",
  roles: [
    { name: "CREATE AADUSER '<identity>' IDENTIFIED BY '<client-id>'", scope: "database" },
    { name: "GRANT on the databases it uses", scope: "database" },
  ],
  grant: "a database user (CREATE AADUSER '<identity>') with the grants it needs",
  docs: "https://learn.microsoft.com/azure/mysql/flexible-server/how-to-azure-ad",
  tokenScope: "https://ossrdbms-aad.database.windows.net/.default",
  packages: ["mysql2"],
  hasCodeFix: false,
};
