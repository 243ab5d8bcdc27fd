// The Flex Consumption plan and the function app that runs UnitPay as a .NET isolated-worker
// Functions app. The app reaches storage with its system-assigned identity; no key or connection string
// with a secret is set anywhere.

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (also its default host name).')
param appName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('Name of the storage account that holds the app\'s tables, queues and deployment container.')
param storageAccountName string

@description('Blob container Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Name of the Application Insights component the host reports to.')
param applicationInsightsName string

@description('Version of the dotnet-isolated runtime stack (the .NET version the app targets).')
param runtimeVersion string

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Queue the track API writes to and the DeductUsageQueue function reads (UNITPAY_USAGE_QUEUE).')
param usageQueueName string

@description('Storage accounts beyond the app\'s own that hold wallets, in order: UNITPAY_WALLET_STORAGE_2, _3, ... (by identity).')
param walletAccountNames array = []

// Wallet account i (2 and up) is reached by identity, as AzureWebJobsStorage is.
var walletAccountSettings = [for (accountName, i) in walletAccountNames: {
  name: 'UNITPAY_WALLET_STORAGE_${i + 2}__accountName'
  value: accountName
}]

@description('Prefix of every table name (UNITPAY_TABLE_PREFIX).')
param tablePrefix string

@description('NCRONTAB schedule of the ExpireGrantsTimer function (UNITPAY_EXPIRE_GRANTS_SCHEDULE).')
param expireGrantsSchedule string

@description('NCRONTAB schedule of the GrantCyclesTimer function (UNITPAY_GRANT_CYCLES_SCHEDULE).')
param grantCyclesSchedule string

@description('Payment provider (UNITPAY_PAYMENT_PROVIDER): sandbox or stripe.')
@allowed([
  'sandbox'
  'stripe'
])
param paymentProvider string

@description('Key Vault secret URI of the Stripe secret key (UNITPAY_STRIPE_SECRET_KEY, as a Key Vault reference); empty unless stripe.')
param stripeSecretKeySecretUri string

@description('Key Vault secret URI of the Stripe webhook signing secret (UNITPAY_STRIPE_WEBHOOK_SECRET, as a Key Vault reference); empty unless stripe.')
param stripeWebhookSecretSecretUri string

@description('Queue the sandbox provider posts its webhooks to and DeliverSandboxWebhookQueue reads (UNITPAY_SANDBOX_WEBHOOK_QUEUE).')
param sandboxWebhookQueueName string

@description('Largest top-up, in minor units of the wallet denomination (UNITPAY_TOPUP_MAX_AMOUNT).')
param topUpMaxAmount int

@description('NCRONTAB schedule of the SweepTopUpsTimer function (UNITPAY_TOPUP_SWEEPER_SCHEDULE).')
param topUpSweeperSchedule string

@description('Queue of outbound webhook deliveries that DeliverWebhookQueue reads (UNITPAY_WEBHOOK_QUEUE).')
param webhookQueueName string

@description('NCRONTAB schedule of the SweepWebhooksTimer function (UNITPAY_WEBHOOK_SWEEP_SCHEDULE).')
param webhookSweepSchedule string

@description('Key Vault secret URI of the key webhook endpoint secrets are encrypted with (UNITPAY_WEBHOOK_SECRET_KEY, as a Key Vault reference); empty: stored unencrypted.')
param webhookSecretKeySecretUri string

@description('Key Vault secret URI of the key customer portal links are signed with (UNITPAY_PORTAL_SIGNING_KEY, as a Key Vault reference); empty: each instance signs with a random key of its own.')
param portalSigningKeySecretUri string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux: Flex Consumption runs on Linux only.
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // The host starts the isolated worker that the package's worker.config.json names.
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      // Flex Consumption takes the runtime from functionAppConfig: FUNCTIONS_WORKER_RUNTIME and
      // FUNCTIONS_EXTENSION_VERSION must not be set here.
      appSettings: concat([
        // Identity-based AzureWebJobsStorage: the host and the worker use the same settings.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'UNITPAY_USAGE_QUEUE'
          value: usageQueueName
        }
        {
          name: 'UNITPAY_TABLE_PREFIX'
          value: tablePrefix
        }
        {
          name: 'UNITPAY_EXPIRE_GRANTS_SCHEDULE'
          value: expireGrantsSchedule
        }
        {
          name: 'UNITPAY_GRANT_CYCLES_SCHEDULE'
          value: grantCyclesSchedule
        }
        {
          name: 'UNITPAY_PAYMENT_PROVIDER'
          value: paymentProvider
        }
        // Stripe's secrets are Key Vault references, resolved by the platform with the app's identity (grant it
        // "Key Vault Secrets User" on the vault); the values never pass through this template or the repository.
        {
          name: 'UNITPAY_STRIPE_SECRET_KEY'
          value: empty(stripeSecretKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${stripeSecretKeySecretUri})'
        }
        {
          name: 'UNITPAY_STRIPE_WEBHOOK_SECRET'
          value: empty(stripeWebhookSecretSecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${stripeWebhookSecretSecretUri})'
        }
        {
          name: 'UNITPAY_SANDBOX_WEBHOOK_QUEUE'
          value: sandboxWebhookQueueName
        }
        {
          name: 'UNITPAY_TOPUP_MAX_AMOUNT'
          value: string(topUpMaxAmount)
        }
        {
          name: 'UNITPAY_TOPUP_SWEEPER_SCHEDULE'
          value: topUpSweeperSchedule
        }
        {
          name: 'UNITPAY_WEBHOOK_QUEUE'
          value: webhookQueueName
        }
        {
          name: 'UNITPAY_WEBHOOK_SWEEP_SCHEDULE'
          value: webhookSweepSchedule
        }
        {
          name: 'UNITPAY_WEBHOOK_SECRET_KEY'
          value: empty(webhookSecretKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${webhookSecretKeySecretUri})'
        }
        {
          name: 'UNITPAY_PORTAL_SIGNING_KEY'
          value: empty(portalSigningKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${portalSigningKeySecretUri})'
        }
        {
          name: 'UNITPAY_WALLET_ACCOUNTS'
          value: string(length(walletAccountNames) + 1)
        }
      ], walletAccountSettings)
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
