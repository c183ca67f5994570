// Application Insights API keys (REST API: `x-api-key` / `api_key=` against
// api.applicationinsights.io): a credential that reads telemetry, unlike the connection string.
const LOWER36 = "abcdefghijklmnopqrstuvwxyz0123456789";

export default function appInsights({ fakeFromAlphabet, fakeHex }) {
  const key = (l) => fakeFromAlphabet(40, LOWER36, `fam-ai-key-${l}`);
  const guid = (l) => {
    const h = fakeHex(32, `fam-ai-guid-${l}`);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  };
  const api = "https://api.applicationinsights.io/v1/apps";
  const positives = [
    { file: "query.sh", text: `#!/usr/bin/env bash\ncurl -s -H "x-api-key: ${key(1)}" \\\n  "${api}/${guid(1)}/query?query=requests%7C%20take%2010"\n` },
    { file: "metrics.http", text: `@appId = ${guid(2)}\n\nGET ${api}/{{appId}}/metrics/requests/count?timespan=PT1H\nx-api-key: ${key(2)}\nAccept: application/json\n` },
    { file: "telemetry.ts", text: `const APP_ID = "${guid(3)}";\n\nexport async function failures(): Promise<unknown> {\n  const res = await fetch(\`${api}/\${APP_ID}/query?query=exceptions\`, {\n    headers: { "x-api-key": "${key(3)}" },\n  });\n  return res.json();\n}\n` },
    { file: "report.py", text: `import requests\n\nAPP_ID = "${guid(4)}"\nheaders = {"x-api-key": "${key(4)}"}\nr = requests.get(f"${api}/{APP_ID}/query", params={"query": "requests | count"}, headers=headers)\n` },
    { file: ".env", text: `APPINSIGHTS_APP_ID=${guid(5)}\nAPPINSIGHTS_API_KEY=${key(5)}\nAPPINSIGHTS_API=https://api.applicationinsights.io\n` },
    { file: "appsettings.json", text: `{\n  "ApplicationInsights": {\n    "ApplicationId": "${guid(6)}",\n    "ApiKey": "${key(6)}"\n  }\n}\n` },
    { file: "dashboard.js", text: `const url = "${api}/${guid(7)}/query?api_key=${key(7)}&query=requests";\n` },
    { file: "Get-Failures.ps1", text: `$appId = "${guid(8)}"\n$headers = @{ "x-api-key" = "${key(8)}" }\nInvoke-RestMethod -Uri "${api}/$appId/query?query=exceptions" -Headers $headers\n` },
    { file: "grafana-datasource.yaml", text: `apiVersion: 1\ndatasources:\n  - name: App Insights\n    type: grafana-azure-monitor-datasource\n    jsonData:\n      appInsightsAppId: ${guid(9)}\n    secureJsonData:\n      appInsightsApiKey: ${key(9)}\n` },
    { file: "deploy.sh", text: `az webapp config appsettings set -g rg-dashboard -n contoso-dashboard --settings "ApplicationInsights__AppId=${guid(12)}" "ApplicationInsights__ApiKey=${key(12)}"\n` },
  ].map((p) => ({ service: "application-insights", ...p }));
  const negatives = [
    // The public demo application of the API documentation.
    { kind: "app-insights-api-key", file: "demo.sh", text: `curl -H "x-api-key: DEMO_KEY" "${api}/DEMO_APP/query?query=requests%7Ctake%205"\n` },
    { kind: "app-insights-api-key", file: "metrics.http", text: `GET ${api}/{{appId}}/metrics/requests/count\nx-api-key: {{apiKey}}\n` },
    { kind: "app-insights-api-key", file: "query.ts", text: `await fetch(\`${api}/\${appId}/query\`, { headers: { "x-api-key": process.env.APPINSIGHTS_API_KEY! } });\n` },
    { kind: "app-insights-api-key", file: "appsettings.json", text: `{\n  "ApplicationInsights": {\n    "ConnectionString": "InstrumentationKey=${guid(10)};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",\n    "ApplicationId": "${guid(11)}",\n    "ApiKey": "<api-key>"\n  }\n}\n` },
  ];
  return { family: "app-insights-api-key", positives, negatives };
}
