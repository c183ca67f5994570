// Functions keys in URLs (`?code=` on *.azurewebsites.net) in .http/.rest files, scripts and docs.
export default function functionsUrl({ fakeBase64, fakeIdentifiable }) {
  const id = (l, seed = "Functi00") => fakeIdentifiable(40, "AzFu", seed, `fam-fn-${l}`, true);
  const legacy = (l) => fakeBase64(40, `fam-fn-legacy-${l}`);
  const enc = (k) => k.replace(/==$/, "%3D%3D");
  const host = "https://contoso-fn.azurewebsites.net";
  const positives = [
    { file: "orders.http", text: `### Create an order\nPOST ${host}/api/orders?code=${id(1)}\nContent-Type: application/json\n\n{ "sku": "A-100", "quantity": 2 }\n` },
    { file: "orders.rest", text: `@host = ${host}\n\nGET ${host}/api/orders/42?code=${enc(legacy(2))}\nAccept: application/json\n` },
    { file: "smoke.sh", text: `#!/usr/bin/env bash\nset -e\ncurl -fsS -X POST "${host}/api/HttpTrigger1?code=${legacy(3)}&name=smoke"\n` },
    { file: "smoke.ps1", text: `Invoke-RestMethod -Method Post -Uri "${host}/api/orders?code=${enc(id(4))}" -Body '{}' -ContentType 'application/json'\n` },
    { file: "README.md", text: `## Try it\n\nOpen ${host}/api/hello?name=World&code=${legacy(5)} in a browser.\n` },
    { file: "backend.json", text: `{\n  "properties": {\n    "url": "${host}/api/orders?code=${legacy(6)}",\n    "protocol": "http"\n  }\n}\n` },
    { file: "client.py", text: `import requests\n\nresp = requests.post("${host}/api/orders?code=${legacy(7)}", json={"sku": "A-100"})\n` },
    { file: "durable.http", text: `GET ${host}/runtime/webhooks/durabletask/instances/abc123?taskHub=OrdersHub&connection=Storage&code=${id(8, "System00")}\n` },
    { file: "webhook.json", text: `{\n  "name": "orders-webhook",\n  "config": { "url": "https://contoso-fn-staging.azurewebsites.net/api/github?clientId=default&code=${legacy(9)}", "content_type": "json" }\n}\n` },
    { file: "status.json", text: `{\n  "id": "abc123",\n  "statusQueryGetUri": "${host}/runtime/webhooks/durabletask/instances/abc123?taskHub=OrdersHub&connection=Storage&code=${enc(legacy(11))}",\n  "terminatePostUri": "${host}/runtime/webhooks/durabletask/instances/abc123/terminate?reason={text}&taskHub=OrdersHub&connection=Storage&code=${enc(legacy(11))}"\n}\n` },
    { file: "admin.http", text: `POST ${host}/admin/functions/ProcessOrder\nx-functions-key: ${legacy(10)}\nContent-Type: application/json\n\n{ "input": "test" }\n` },
  ].map((p) => ({ service: "functions", ...p }));
  const negatives = [
    { kind: "functions-url", file: "orders.http", text: `@code = {{$dotenv FUNCTION_KEY}}\n\nPOST ${host}/api/orders?code={{code}}\n` },
    { kind: "functions-url", file: "smoke.ps1", text: `Invoke-RestMethod -Uri "${host}/api/orders?code=$env:FUNCTION_KEY"\nInvoke-RestMethod -Uri "${host}/api/orders?code=$($key)"\n` },
    { kind: "functions-url", file: "README.md", text: `Call \`${host}/api/<function>?code=<function-key>\` with the key from the portal (Function > Function Keys).\n` },
  ];
  return { family: "functions-url", positives, negatives };
}
