import { CosmosClient } from "@azure/cosmos";

export const cosmos = new CosmosClient({
  endpoint: "https://contoso-orders.documents.azure.com:443/",
  key: "__FAKE_COSMOS_KEY__",
});

export const orders = cosmos.database("shop").container("orders");
