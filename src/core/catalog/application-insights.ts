import type { CatalogEntry } from "./types.js";

export const applicationInsights: CatalogEntry = {
  id: "application-insights",
  displayName: "Azure Monitor Application Insights",
  msi: "yes",
  summary:
    "Telemetry ingestion can require Microsoft Entra authentication: the exporter takes a TokenCredential, then `DisableLocalAuth: true` turns the key off.",
  caveat:
    "Log Analytics workspace shared keys (HTTP Data Collector API) are real secrets: move to the Logs Ingestion API with LogsIngestionClient and a TokenCredential.",
  replacement:
    "useAzureMonitor({ azureMonitorExporterOptions: { connectionString, credential: new ManagedIdentityCredential() } })",
  action: "pass a TokenCredential to the exporter",
  roles: [{ name: "Monitoring Metrics Publisher", id: "3913510d-42f4-4e42-8a64-420c390055eb", scope: "azure-rbac" }],
  docs: "https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication",
  tokenScope: "https://monitor.azure.com/.default",
  packages: ["@azure/monitor-opentelemetry", "@azure/monitor-opentelemetry-exporter", "applicationinsights", "@azure/monitor-ingestion"],
  hasCodeFix: false,
  variants: [
    {
      id: "api-key",
      label: "Application Insights API keys (REST API, api.applicationinsights.io)",
      applies: ({ ruleId }) => ruleId === "application-insights-api-key",
      msi: "yes",
      summary:
        "The Application Insights and Azure Monitor query APIs accept a Microsoft Entra token instead of an API key.",
      grant: "Monitoring Reader on the Application Insights resource",
      action: "query with a TokenCredential",
      replacement: "new LogsQueryClient(new ManagedIdentityCredential()).queryResource(appInsightsResourceId, query, { duration })",
    },
  ],
  notASecret:
    "An Application Insights connection string or instrumentation key only says where telemetry goes; it is not a credential, but anyone holding it can send telemetry.",
};
