import type { CatalogEntry } from "./types.js";

export const postgresql: CatalogEntry = {
  id: "postgresql",
  displayName: "Azure Database for PostgreSQL",
  msi: "yes",
  summary: "Flexible Server accepts a Microsoft Entra access token as the password of an Entra-mapped role.",
  caveat:
    "Microsoft Entra authentication must be enabled on the server. Tokens expire after about an hour: pass `password` as a function so every new connection gets a fresh token.",
  replacement:
    'password: async () => (await credential.getToken("https://ossrdbms-aad.database.windows.net/.default")).token',
  action: "connect with a Microsoft Entra token as the password",
  roles: [
    { name: "Entra role created with pgaadauth_create_principal('<identity>', false, false)", scope: "database" },
    { name: "GRANT on the schemas and tables it uses", scope: "database" },
  ],
  grant: "a database role (pgaadauth_create_principal('<identity>', false, false)) with the grants it needs",
  docs: "https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-connect-with-managed-identity",
  tokenScope: "https://ossrdbms-aad.database.windows.net/.default",
  packages: ["pg"],
  hasCodeFix: false,
};
