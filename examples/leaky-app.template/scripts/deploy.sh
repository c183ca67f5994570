#!/usr/bin/env bash
# Builds and ships the worker image, then uploads the static site.
set -euo pipefail

docker login contosoacr.azurecr.io -u contosoacr -p __FAKE_ACR_PASSWORD__
docker build -t contosoacr.azurecr.io/orders-worker:1.4 .
docker push contosoacr.azurecr.io/orders-worker:1.4

az storage blob upload-batch --account-name contosoorders --account-key "__FAKE_STORAGE_KEY__" -d '$web' -s ./site

curl -X POST "https://contoso-orders.westeurope-1.eventgrid.azure.net/api/events" \
  -H "aeg-sas-key: __FAKE_EVENT_GRID_KEY__" -H "Content-Type: application/json" -d @event.json

git push "https://ci:__FAKE_DEVOPS_PAT__@dev.azure.com/contoso/shop/_git/orders" HEAD:main
