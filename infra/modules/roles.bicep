// Data-plane roles for the function app's system-assigned identity on the app's storage account.
// Shared keys are off, so these roles are the only way the host and the handler reach storage.

@description('Name of the storage account the roles are granted on.')
param storageAccountName string

@description('Name of the function app whose system-assigned identity receives the roles.')
param functionAppName string

@description('An account that holds only wallets: the table role alone (no queue, no blob).')
param tablesOnly bool = false

// Storage Table Data Contributor: the engine reads and writes its tables.
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// Storage Queue Data Contributor: the track API enqueues, the queue trigger reads, deletes and
// moves messages to the poison queue.
var queueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

// Storage Blob Data Owner: the host keeps its keys and timer locks in blobs, and Flex Consumption
// reads the app package from the deployment container.
var blobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

// The principal id exists only once the app does. The assignment names therefore use the app's
// resource id, which is known before deployment, so what-if can predict them.
var principalId = app.identity.principalId

// Storage Table Data Contributor
resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, tableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Queue Data Contributor
resource queueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!tablesOnly) {
  name: guid(storage.id, app.id, queueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Blob Data Owner
resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!tablesOnly) {
  name: guid(storage.id, app.id, blobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
