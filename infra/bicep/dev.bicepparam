// Development environment. Values that identify a deployment come from environment variables
// (azd sets AZURE_ENV_NAME and AZURE_LOCATION; the MLGOV_* ones are listed in docs/deploy.md).
// Deploy with: az deployment group create -g <rg> -f infra/bicep/main.bicep -p infra/bicep/dev.bicepparam
using 'main.bicep'

import { dev as profile } from 'profiles.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'mlgov-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param appScale = profile.appScale
param storageSku = profile.storageSku
param serviceBusSku = profile.serviceBusSku
param privateNetworking = profile.privateNetworking
param keyVaultEnablePurgeProtection = profile.keyVaultEnablePurgeProtection
param keyVaultSoftDeleteRetentionInDays = profile.keyVaultSoftDeleteRetentionInDays
param logRetentionInDays = profile.logRetentionInDays
// An action group for the alerts (its resource id); unset means the alerts only show in Azure Monitor.
param alertActionGroupId = readEnvironmentVariable('MLGOV_ALERT_ACTION_GROUP_ID', '')

// Ethereum Sepolia unless the operator picks another chain.
param chain = {
  rpcUrl: readEnvironmentVariable('MLGOV_CHAIN_RPC_URL', 'https://ethereum-sepolia-rpc.publicnode.com')
  chainId: int(readEnvironmentVariable('MLGOV_CHAIN_ID', '11155111'))
}
// The `contracts` object of the deployment record, e.g. MLGOV_CONTRACTS="$(jq -c .contracts record.json)".
var contractsJson = readEnvironmentVariable('MLGOV_CONTRACTS', '')
param contracts = json(empty(contractsJson) ? '{}' : contractsJson)
param entra = {
  tenantId: readEnvironmentVariable('MLGOV_ENTRA_TENANT_ID', '')
  clientId: readEnvironmentVariable('MLGOV_ENTRA_CLIENT_ID', '')
}

// The issuer key: empty keeps what the vault already holds; required on the first deployment.
param vcIssuerKey = readEnvironmentVariable('MLGOV_VC_ISSUER_KEY', '')
