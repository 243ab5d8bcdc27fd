// Parameters for `az deployment group create -f infra/main.bicep -p infra/main.bicepparam`.
// Values shown are the template defaults; change them here rather than on the command line.
using 'main.bicep'

param baseName = 'unitpay'
param runtimeVersion = '10.0'
param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param storageSkuName = 'Standard_LRS'
param usageQueueName = 'usage-events'
param tablePrefix = ''
// Storage accounts wallets are spread over; set once, before the first start (see README).
param walletAccounts = 1
param expireGrantsSchedule = '0 */5 * * * *'
param grantCyclesSchedule = '0 * * * * *'
param topUpSweeperSchedule = '0 */5 * * * *'
param logRetentionInDays = 30
param paymentProvider = 'sandbox'
// For stripe: Key Vault secret URIs (never the secrets themselves), e.g. 'https://<vault>.vault.azure.net/secrets/stripe-secret-key'.
param stripeSecretKeySecretUri = ''
param stripeWebhookSecretSecretUri = ''
param sandboxWebhookQueueName = 'sandbox-webhooks'
param topUpMaxAmount = 1000000000
param webhookQueueName = 'webhook-deliveries'
param webhookSweepSchedule = '0 * * * * *'
// Key Vault secret URI of the key that encrypts webhook endpoint secrets (never the key itself).
param webhookSecretKeySecretUri = ''
// Key Vault secret URI of the key that signs customer portal links (never the key itself).
param portalSigningKeySecretUri = ''
param tags = {
  application: 'unitpay-functions'
}
