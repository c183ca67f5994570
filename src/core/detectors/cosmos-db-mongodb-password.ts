import { fakeBase64, fakeFromAlphabet } from "../keys/fake.js";
import { hostSecretDetector, SAMPLE_PASSWORD_ALPHABET as PW_ALPHABET } from "../detect/host-secret-detector.js";
import type { Detector } from "../types.js";

export const cosmosDbMongodbPassword: Detector = hostSecretDetector({
  id: "cosmos-db-mongodb-password",
  service: "cosmos-db",
  title: "Azure Cosmos DB for MongoDB key or password",
  description:
    "The password of a `mongodb://` / `mongodb+srv://` URL for Azure Cosmos DB for MongoDB: the account key of a request-unit account (`<account>:<key>@<account>.mongo.cosmos.azure.com:10255`, or the older `<account>.documents.azure.com:10255` form), or the administrator password of a vCore cluster (`*.mongocluster.cosmos.azure.com`). The account key gives full read-write access to every database of the account. Use Microsoft Entra ID (role-based access control for the account, or Entra authentication on vCore clusters) or at least a Key Vault reference.",
  hosts: [
    ".mongo.cosmos.azure.com",
    ".mongocluster.cosmos.azure.com",
    ".global.mongocluster.cosmos.azure.com",
    ".documents.azure.com",
    ".mongo.cosmos.azure.us",
    ".documents.azure.us",
    ".mongo.cosmos.azure.cn",
    ".documents.azure.cn",
  ],
  schemes: /^mongodb(?:\+srv)?$/,
  // Only the URL form: a Cosmos endpoint next to other settings belongs to the cosmos-db-key detector.
  memberNames: /^password$/i,
  priority: 70,
  samples() {
    const key = (n: string) => encodeURIComponent(fakeBase64(64, `cosmos-mongo-${n}`));
    const pw = fakeFromAlphabet(20, PW_ALPHABET, "cosmos-mongo-vcore");
    return {
      positive: [
        `mongoose.connect("mongodb://contoso-db:${key("1")}@contoso-db.mongo.cosmos.azure.com:10255/?ssl=true&replicaSet=globaldb&retrywrites=false&maxIdleTimeMS=120000&appName=@contoso-db@");`,
        `MONGODB_URI=mongodb://contoso-db:${key("2")}@contoso-db.documents.azure.com:10255/?ssl=true&replicaSet=globaldb`,
        `client = MongoClient("mongodb+srv://clusteradmin:${pw}@contoso-mongo.mongocluster.cosmos.azure.com/?tls=true&authMechanism=SCRAM-SHA-256")`,
      ],
      negative: [
        "const uri = `mongodb://contoso-db:${process.env.COSMOS_KEY}@contoso-db.mongo.cosmos.azure.com:10255/?ssl=true`;",
        `"mongodb://<account>:<primary-key>@<account>.mongo.cosmos.azure.com:10255/?ssl=true"`,
        `mongodb://app:${key("3")}@localhost:27017/orders`,
        "MONGO_URL=mongodb+srv://contoso-mongo.mongocluster.cosmos.azure.com/?tls=true&authMechanism=MONGODB-OIDC",
      ],
    };
  },
});
