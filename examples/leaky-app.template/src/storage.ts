import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";

// Invoices are uploaded with the account key (full access to the whole account).
const connectionString =
  "DefaultEndpointsProtocol=https;AccountName=contosoorders;AccountKey=__FAKE_STORAGE_KEY__;EndpointSuffix=core.windows.net";

export const blobService = BlobServiceClient.fromConnectionString(connectionString);

// The archive account still uses an older key, passed directly.
const archiveCredential = new StorageSharedKeyCredential("contosoarchive", "__FAKE_STORAGE_KEY_LEGACY__");
export const archive = new BlobServiceClient("https://contosoarchive.blob.core.windows.net", archiveCredential);

// A read-only SAS URL handed to the reporting job.
export const reportsUrl =
  "https://contosoorders.blob.core.windows.net/reports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=__FAKE_STORAGE_SAS_SIG__";

export async function uploadInvoice(id: string, body: Buffer): Promise<void> {
  const container = blobService.getContainerClient("invoices");
  await container.getBlockBlobClient(`${id}.pdf`).uploadData(body);
}
