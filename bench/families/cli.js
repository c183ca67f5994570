// Credentials fed to command-line tools: docker login --password-stdin, az ... --password /
// --account-key / --sas-token, git http.extraheader basic auth with a DevOps PAT.
const b64text = (s) => Buffer.from(s, "utf8").toString("base64");

export default function cli({ fakeBase64, fakeHex, fakeIdentifiable, makeEntraSecret, makeAdoPat, rng }) {
  const acrLegacy = (l) => fakeBase64(24, `fam-cli-acr-${l}`);
  const acr = (l) => fakeIdentifiable(39, "+ACR", "ACRDflt0", `fam-cli-acr-id-${l}`);
  const k88 = (l) => fakeBase64(64, `fam-cli-88-${l}`);
  const pat = (l) => makeAdoPat(rng(`fam-cli-pat-${l}`));
  const guid = (l) => {
    const h = fakeHex(32, `fam-cli-guid-${l}`);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  };
  const sas = (l) => `sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2027-01-01T00:00:00Z&st=2026-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(fakeBase64(32, `fam-cli-sig-${l}`))}`;
  const positives = [
    { service: "container-registry", file: "push.sh", text: `#!/usr/bin/env bash\necho "${acrLegacy(1)}" | docker login contoso.azurecr.io -u contoso --password-stdin\ndocker push contoso.azurecr.io/api:1.4\n` },
    { service: "container-registry", file: "push.ps1", text: `"${acr(2)}" | docker login contoso.azurecr.io --username contoso --password-stdin\n` },
    { service: "container-registry", file: "build.yml", text: `steps:\n  - script: |\n      echo '${acrLegacy(3)}' | docker login contoso.azurecr.io -u contoso --password-stdin\n      docker build -t contoso.azurecr.io/api:$(Build.BuildId) .\n` },
    { service: "container-registry", file: "helm.sh", text: `helm registry login contoso.azurecr.io --username contoso --password ${acrLegacy(4)}\n` },
    { service: "storage", file: "upload.sh", text: `az storage blob upload --account-name contosodata --account-key ${k88(5)} --container-name builds --file app.zip --name app.zip\n` },
    { service: "storage", file: "download.sh", text: `az storage blob download --account-name contosodata --container-name builds --name app.zip --file app.zip --sas-token "${sas(6)}"\n` },
    { service: "storage", file: "sync.ps1", text: `az storage blob sync -c '$web' -s ./dist --account-name contosoweb --sas-token '?${sas(7)}'\n` },
    { service: "entra-id", file: "login.sh", text: `az login --service-principal -u ${guid(8)} -p ${guid(9)} --tenant ${guid(10)}\n` },
    { service: "entra-id", file: "login.ps1", text: `az login --service-principal --username ${guid(11)} --password "${makeEntraSecret(rng("fam-cli-entra"))}" --tenant contoso.onmicrosoft.com\n` },
    { service: "container-registry", file: "deploy.sh", text: `az webapp config container set --name contoso-api --resource-group rg --docker-custom-image-name contoso.azurecr.io/api:1.4 --docker-registry-server-url https://contoso.azurecr.io --docker-registry-server-user contoso --docker-registry-server-password ${acrLegacy(12)}\n` },
    { service: "devops", file: "clone.sh", text: `git -c http.extraheader="AUTHORIZATION: basic ${b64text(`:${pat(13)}`)}" clone https://dev.azure.com/contoso/orders/_git/orders\n` },
    { service: "devops", file: "setup.ps1", text: `git config --global http.https://dev.azure.com/.extraheader "Authorization: Basic ${b64text(`build:${pat(14)}`)}"\n` },
    { service: "devops", file: "pipeline.yml", text: `steps:\n  - script: git -c http.extraheader="AUTHORIZATION: Basic ${b64text(`:${pat(15)}`)}" submodule update --init\n    displayName: Submodules\n` },
    { service: "postgresql", file: "create-secret.sh", text: `kubectl create secret generic orders-db \\\n  --from-literal=PGHOST=contoso-pg.postgres.database.azure.com \\\n  --from-literal=PGUSER=pgadmin \\\n  --from-literal=PGPASSWORD='${fakeBase64(15, "fam-cli-pg")}'\n` },
    { service: "storage", file: "aks.sh", text: `kubectl create secret generic azure-files --from-literal=azurestorageaccountname=contosodata --from-literal=azurestorageaccountkey=${k88(16)}\n` },
  ];
  const negatives = [
    { kind: "cli", file: "push.sh", text: 'echo "$ACR_PASSWORD" | docker login contoso.azurecr.io -u contoso --password-stdin\naz acr login --name contoso --expose-token --output tsv --query accessToken | docker login contoso.azurecr.io -u 00000000-0000-0000-0000-000000000000 --password-stdin\n' },
    { kind: "cli", file: "upload.sh", text: 'KEY=$(az storage account keys list -g rg -n contosodata --query [0].value -o tsv)\naz storage blob upload --account-name contosodata --account-key "$KEY" -c builds -f app.zip\naz storage blob download --account-name contosodata -c builds -n app.zip --sas-token "$SAS" -f app.zip\naz login --service-principal -u "$AZURE_CLIENT_ID" -p "$AZURE_CLIENT_SECRET" --tenant "$AZURE_TENANT_ID"\n' },
    { kind: "cli", file: "pipeline.yml", text: 'steps:\n  - script: git -c http.extraheader="AUTHORIZATION: bearer $(System.AccessToken)" submodule update --init\n  - script: |\n      B64_PAT=$(printf ":%s" "$PAT" | base64)\n      git -c http.extraheader="Authorization: Basic ${B64_PAT}" clone https://dev.azure.com/contoso/orders/_git/orders\n' },
  ];
  return { family: "cli", positives, negatives };
}
