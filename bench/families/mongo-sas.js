// Cosmos DB for MongoDB URLs (RU: <account>.mongo.cosmos.azure.com / documents.azure.com:10255,
// vCore: mongocluster.cosmos.azure.com) in code and config; SAS query strings in front-end bundles
// and HTML.
const B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export default function mongoSas({ fakeBase64, fakeFromAlphabet }) {
  const key = (l) => encodeURIComponent(fakeBase64(64, `fam-mongo-${l}`));
  const ru = (l) => `mongodb://contoso-db:${key(l)}@contoso-db.mongo.cosmos.azure.com:10255/?ssl=true&replicaSet=globaldb&retrywrites=false&maxIdleTimeMS=120000&appName=@contoso-db@`;
  const legacy = (l) => `mongodb://contoso-db:${key(l)}@contoso-db.documents.azure.com:10255/?ssl=true&replicaSet=globaldb`;
  const sig = (l) => encodeURIComponent(fakeBase64(32, `fam-sas-sig-${l}`));
  const q = (l, amp = "&") => ["sv=2022-11-02", "ss=b", "srt=sco", "sp=rl", "se=2027-01-01T00:00:00Z", "st=2026-01-01T00:00:00Z", "spr=https", `sig=${sig(l)}`].join(amp);
  const positives = [
    { service: "cosmos-db", file: "db.js", text: `const mongoose = require("mongoose");\n\nmongoose.connect("${ru(1)}", { dbName: "orders" });\n` },
    { service: "cosmos-db", file: "db.py", text: `import pymongo\n\nclient = pymongo.MongoClient("${legacy(2)}")\ndb = client["orders"]\n` },
    { service: "cosmos-db", file: ".env", text: `MONGODB_URI=${ru(3)}\nPORT=3000\n` },
    { service: "cosmos-db", file: "appsettings.json", text: `{\n  "MongoDb": {\n    "ConnectionString": "${legacy(4)}",\n    "Database": "orders"\n  }\n}\n` },
    { service: "cosmos-db", file: "application.properties", text: `spring.data.mongodb.uri=${ru(5)}\nspring.data.mongodb.database=orders\n` },
    { service: "cosmos-db", file: "docker-compose.yml", text: `services:\n  api:\n    image: contoso/api:1.4\n    environment:\n      MONGO_URL: "${legacy(6)}"\n` },
    { service: "cosmos-db", file: "cluster.ts", text: `import { MongoClient } from "mongodb";\n\nexport const client = new MongoClient("mongodb+srv://clusteradmin:${fakeFromAlphabet(20, B62, "fam-vcore")}@contoso-mongo.mongocluster.cosmos.azure.com/?tls=true&authMechanism=SCRAM-SHA-256&retrywrites=false&maxIdleTimeMS=120000");\n` },
    { service: "storage", file: "main.8f3a1c.js", text: `(()=>{"use strict";var e={},t="https://contosodata.blob.core.windows.net/uploads?${q(8)}";function n(r){return fetch(t.replace("?","/"+r+"?"),{method:"PUT",headers:{"x-ms-blob-type":"BlockBlob"}})}window.upload=n})();\n` },
    { service: "storage", file: "upload.js", text: `import { BlobServiceClient } from "@azure/storage-blob";\n\nconst account = "contosodata";\nconst sasToken = "${q(9)}";\nconst blobService = new BlobServiceClient(\`https://\${account}.blob.core.windows.net?\${sasToken}\`);\n` },
    { service: "storage", file: "index.html", text: `<!DOCTYPE html>\n<html>\n<body>\n  <img src="https://contosodata.blob.core.windows.net/media/hero.jpg?${q(10, "&amp;")}" alt="hero">\n</body>\n</html>\n` },
    { service: "storage", file: ".env.production", text: `VITE_STORAGE_ACCOUNT=contosodata\nVITE_STORAGE_SAS=?${q(11)}\n` },
    { service: "storage", file: "environment.prod.ts", text: `export const environment = {\n  production: true,\n  blobUrl: 'https://contosodata.blob.core.windows.net/assets',\n  sasToken: '?${q(12)}',\n};\n` },
    { service: "storage", file: "_next-data.json", text: `{"props":{"pageProps":{"video":"https://contosomedia.blob.core.windows.net/videos/intro.mp4?${q(13, "\\u0026")}"}}}\n` },
    { service: "storage", file: "chunk-42.js", text: `"use strict";(self.webpackChunk=self.webpackChunk||[]).push([[42],{42:(e,t,r)=>{r.d(t,{A:()=>o});const n="contosodata",s="${q(14)}",o=()=>\`https://\${n}.blob.core.windows.net/media?\${s}\`}}]);\n` },
  ];
  const negatives = [
    { kind: "mongo-sas", file: "db.js", text: "mongoose.connect(\"mongodb://localhost:27017/orders\");\nconst uri = `mongodb://contoso-db:${process.env.COSMOS_KEY}@contoso-db.mongo.cosmos.azure.com:10255/?ssl=true&replicaSet=globaldb`;\nconst doc = \"mongodb://<account>:<primary-key>@<account>.mongo.cosmos.azure.com:10255/?ssl=true\";\n" },
    { kind: "mongo-sas", file: "upload.js", text: "const sasToken = `sv=2022-11-02&ss=b&srt=sco&sp=rl&se=${expiry}&sig=${signature}`;\nconst url = `https://contosodata.blob.core.windows.net/uploads?${sasToken}`;\nconst example = \"https://contosodata.blob.core.windows.net/uploads?sv=2022-11-02&sp=r&sig=REDACTED\";\n" },
  ];
  return { family: "mongo-sas", positives, negatives };
}
