import { connectionStringDetector } from "../detect/connection-string-detector.js";
import { B62, fakeBase64, fakeFromAlphabet } from "../keys/fake.js";

export const appConfigurationConnectionString = connectionStringDetector({
  id: "app-configuration-connection-string",
  service: "app-configuration",
  title: "Azure App Configuration connection string",
  description:
    "An App Configuration access key in a connection string (`Endpoint=https://<store>.azconfig.io;Id=<id>;Secret=<secret>`). The key reads (or, for a read-write key, changes) every setting in the store, including Key Vault references.",
  hosts: [".azconfig.io", ".azconfig.azure.us", ".azconfig.azure.cn"],
  endpointKeys: ["Endpoint"],
  secretKeys: ["Secret"],
  priority: 65,
  judge: (cs) => (cs.has("Id") ? { fields: { store: cs.value("Endpoint") ?? "" } } : undefined),
  samples() {
    const id = `${fakeFromAlphabet(4, B62, "appcs-id1")}-l0-s0:${fakeFromAlphabet(20, B62, "appcs-id2")}`;
    const cs = (n: string) => `Endpoint=https://contoso-config.azconfig.io;Id=${id};Secret=${fakeBase64(32, `appcs-${n}`)}`;
    return {
      positive: [
        `const client = new AppConfigurationClient("${cs("1")}");`,
        `APP_CONFIG_CONNECTION_STRING=${cs("2")}\n`,
        `{\n  "ConnectionStrings": {\n    "AppConfig": "${cs("3")}"\n  }\n}`,
        `resource "azurerm_linux_web_app" "app" {\n  app_settings = {\n    AppConfig = "${cs("4")}"\n  }\n}`,
      ],
      negative: [
        `const client = new AppConfigurationClient("https://contoso-config.azconfig.io", new DefaultAzureCredential());`,
        `APP_CONFIG_CONNECTION_STRING=Endpoint=https://contoso-config.azconfig.io;Id=<id>;Secret=<secret>`,
        `"AppConfig": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/appconfig-cs/)"`,
        `AppConfig__Endpoint=https://contoso-config.azconfig.io`,
        `Endpoint=https://contoso-config.azconfig.io;Id=${id};Secret=\${APP_CONFIG_SECRET}`,
      ],
    };
  },
});
