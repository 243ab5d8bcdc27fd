// UnitPay Functions on Azure Functions Flex Consumption: storage (tables, queues, deployment
// container), monitoring, the function app and its storage roles. Deploy into an existing
// resource group; infra/README.md walks through it.
targetScope = 'resourceGroup'

@description('Azure region for every resource. Flex Consumption must be offered there.')
param location string = resourceGroup().location

@description('Short name that prefixes every resource name (lowercase letters, digits and hyphens).')
@minLength(2)
@maxLength(12)
param baseName string = 'unitpay'

@description('Tags applied to every resource.')
param tags object = {}

@description('Version of the dotnet-isolated runtime stack on Flex Consumption: the .NET version the app targets.')
param runtimeVersion string = '10.0'

@description('Memory of each function app instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Storage redundancy of the app\'s storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Queue for usage events (UNITPAY_USAGE_QUEUE); its poison queue is "<name>-poison".')
@minLength(3)
@maxLength(56)
param usageQueueName string = 'usage-events'

@description('Prefix of every table name (UNITPAY_TABLE_PREFIX): letters and digits, empty for none.')
@maxLength(20)
param tablePrefix string = ''

@description('NCRONTAB schedule of grant expiry (UNITPAY_EXPIRE_GRANTS_SCHEDULE).')
param expireGrantsSchedule string = '0 */5 * * * *'

@description('NCRONTAB schedule of subscription renewals, rollovers and daily drips (UNITPAY_GRANT_CYCLES_SCHEDULE).')
param grantCyclesSchedule string = '0 * * * * *'

@description('Payment provider (UNITPAY_PAYMENT_PROVIDER): sandbox (moves no money) or stripe.')
@allowed([
  'sandbox'
  'stripe'
])
param paymentProvider string = 'sandbox'

@description('For stripe: Key Vault secret URI of the Stripe secret key (https://<vault>.vault.azure.net/secrets/<name>). Never the key itself.')
param stripeSecretKeySecretUri string = ''

@description('For stripe: Key Vault secret URI of the Stripe webhook endpoint signing secret (whsec_...). Never the secret itself.')
param stripeWebhookSecretSecretUri string = ''

@description('Queue of the sandbox provider\'s webhooks (UNITPAY_SANDBOX_WEBHOOK_QUEUE); its poison queue is "<name>-poison".')
@minLength(3)
@maxLength(56)
param sandboxWebhookQueueName string = 'sandbox-webhooks'

@description('Largest top-up, in minor units of the wallet denomination (UNITPAY_TOPUP_MAX_AMOUNT).')
@minValue(1)
param topUpMaxAmount int = 1000000000

@description('NCRONTAB schedule of the top-up sweeper: stuck attempts resumed, failed auto top-ups replayed (UNITPAY_TOPUP_SWEEPER_SCHEDULE).')
param topUpSweeperSchedule string = '0 */5 * * * *'

@description('Queue of outbound webhook deliveries (UNITPAY_WEBHOOK_QUEUE); its poison queue is "<name>-poison".')
@minLength(3)
@maxLength(56)
param webhookQueueName string = 'webhook-deliveries'

@description('NCRONTAB schedule of the webhook sweeper: outbox rows a stopped instance left are queued (UNITPAY_WEBHOOK_SWEEP_SCHEDULE).')
param webhookSweepSchedule string = '0 * * * * *'

@description('Key Vault secret URI of the base64 32-byte key that encrypts webhook endpoint secrets at rest (UNITPAY_WEBHOOK_SECRET_KEY). Never the key itself.')
param webhookSecretKeySecretUri string = ''

@description('Key Vault secret URI of the key (at least 32 random characters) that signs customer portal links (UNITPAY_PORTAL_SIGNING_KEY). Set it when more than one instance may serve: without it a link opens only on the instance that made it. Never the key itself.')
param portalSigningKeySecretUri string = ''

@description('Storage accounts wallets are spread over (UNITPAY_WALLET_ACCOUNTS). 1 keeps every wallet in the app\'s own account; each further one holds only the Wallets table. Fixed for a deployment\'s life: the app refuses to start with another number than its data was written with.')
@minValue(1)
@maxValue(16)
param walletAccounts int = 1

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// Stable per resource group and base name, so a redeploy updates rather than duplicates.
var token = uniqueString(resourceGroup().id, baseName)
var compactBaseName = take(toLower(replace(baseName, '-', '')), 9)
// Names are computed here, not read from module outputs, so what-if can predict every resource.
var storageAccountName = 'st${compactBaseName}${token}'
var applicationInsightsName = 'appi-${baseName}-${token}'
var functionAppName = 'func-${baseName}-${token}'
var deploymentContainerName = 'app-package'
// Wallet accounts 2, 3, ...: 'sw' + the number + the base name + the token (at most 24 characters).
var walletAccountNames = [for i in range(2, walletAccounts - 1): 'sw${i}${take(compactBaseName, 7)}${token}']

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSkuName
    tablePrefix: tablePrefix
    usageQueueName: usageQueueName
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}-${token}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // The app reads the account's endpoints and the component's connection string at deployment.
  dependsOn: [
    storage
    monitoring
  ]
  params: {
    planName: 'plan-${baseName}-${token}'
    appName: functionAppName
    location: location
    tags: tags
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    runtimeVersion: runtimeVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    usageQueueName: usageQueueName
    tablePrefix: tablePrefix
    expireGrantsSchedule: expireGrantsSchedule
    grantCyclesSchedule: grantCyclesSchedule
    paymentProvider: paymentProvider
    stripeSecretKeySecretUri: stripeSecretKeySecretUri
    stripeWebhookSecretSecretUri: stripeWebhookSecretSecretUri
    sandboxWebhookQueueName: sandboxWebhookQueueName
    topUpMaxAmount: topUpMaxAmount

    topUpSweeperSchedule: topUpSweeperSchedule
    webhookQueueName: webhookQueueName
    webhookSweepSchedule: webhookSweepSchedule
    webhookSecretKeySecretUri: webhookSecretKeySecretUri
    portalSigningKeySecretUri: portalSigningKeySecretUri
    walletAccountNames: walletAccountNames
  }
}

module walletStorage 'modules/storage.bicep' = [
  for (accountName, i) in walletAccountNames: {
    name: 'walletstorage${i + 2}'
    params: {
      name: accountName
      location: location
      tags: tags
      skuName: storageSkuName
      tablePrefix: tablePrefix
      walletsOnly: true
    }
  }
]

module roles 'modules/roles.bicep' = {
  name: 'roles'
  // The roles go to the identity the app gets when it is created.
  dependsOn: [
    storage
    functionApp
  ]
  params: {
    storageAccountName: storageAccountName
    functionAppName: functionAppName
  }
}

module walletRoles 'modules/roles.bicep' = [
  for (accountName, i) in walletAccountNames: {
    name: 'walletroles${i + 2}'
    dependsOn: [
      walletStorage
      functionApp
    ]
    params: {
      storageAccountName: accountName
      functionAppName: functionAppName
      tablesOnly: true
    }
  }
]

@description('Name of the function app (for zip deploy and app settings).')
output functionAppName string = functionApp.outputs.name

@description('Base URL of the app\'s API, e.g. <url>/v1/health.')
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('Name of the storage account (for the create-org operator command and for producers).')
output storageAccountName string = storage.outputs.name

@description('Queue producers send usage messages to.')
output usageQueueName string = storage.outputs.usageQueueName
