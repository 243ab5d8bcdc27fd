// The app's storage account: its tables and queues, the Functions host's own blobs, and the
// Flex Consumption deployment container. Every client reaches it by Entra ID: shared keys are off.
// With walletsOnly, a further account that holds wallets (UNITPAY_WALLET_ACCOUNTS > 1): the same
// account settings, the Wallets table only, no queue and no container.

@description('Name of the storage account (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the account.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param skuName string

@description('Prefix of every table name (the app reads the same value from UNITPAY_TABLE_PREFIX).')
param tablePrefix string

@description('The queue the track API writes usage events to and the worker reads (unused with walletsOnly).')
param usageQueueName string = ''

@description('Blob container Flex Consumption deploys the app package from (unused with walletsOnly).')
param deploymentContainerName string = ''

@description('An account that holds only wallets: the Wallets table, nothing else.')
param walletsOnly bool = false

// Keep in step with core/Storage/TableNames.cs (TableNames.All): the infra tests compare the two.
var tableNames = [
  'Orgs'
  'ApiKeys'
  'Catalog'
  'Customers'
  'Wallets'
  'CustomerWallets'
  'Idempotency'
  'ExpiryIndex'
  'TimerStatus'
  'UsageRejections'
  'Subscriptions'
  'SubscriptionSchedule'
  'InvoiceLines'
  'CreditPackages'
  'TopUpAttempts'
  'AutoTopUpRules'
  'TopUpSweepIndex'
  'SandboxPayments'
  'WebhookEndpoints'
  'WebhookDeliveries'
  'WebhookOutboxIndex'
  'Deployment'
  'AutoTopUpCrossings'
]

// The Functions host moves a message here after maxDequeueCount failed deliveries (host.json).
var poisonQueueName = '${usageQueueName}-poison'

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    // Identity only: no account keys, no SAS signed with them.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Flex Consumption without VNet integration reaches storage over its public endpoint.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: false
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
        queue: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: 'Account' }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = if (!walletsOnly) {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = if (!walletsOnly) {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for table in (walletsOnly ? ['Wallets'] : tableNames): {
    parent: tableService
    name: '${tablePrefix}${table}'
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = if (!walletsOnly) {
  parent: account
  name: 'default'
}

resource usageQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = if (!walletsOnly) {
  parent: queueService
  name: usageQueueName
}

resource usagePoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = if (!walletsOnly) {
  parent: queueService
  name: poisonQueueName
}

output name string = account.name
output deploymentContainerName string = walletsOnly ? '' : deploymentContainerName
output usageQueueName string = walletsOnly ? '' : usageQueueName
output usagePoisonQueueName string = walletsOnly ? '' : poisonQueueName
output tableCount int = length(tableNames)
