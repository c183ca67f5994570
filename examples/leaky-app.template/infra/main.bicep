param location string = resourceGroup().location

@description('Relay listener for the on-premises bridge')
param relayConnection string = 'Endpoint=sb://contoso-bridge.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=__FAKE_RELAY_KEY__;EntityPath=erp'

resource site 'Microsoft.Web/sites@2023-01-01' = {
  name: 'contoso-orders'
  location: location
  properties: {
    siteConfig: {
      appSettings: [
        { name: 'RELAY_CONNECTION', value: relayConnection }
        { name: 'BATCH_KEY', value: '__FAKE_BATCH_KEY__' }
      ]
    }
  }
}
