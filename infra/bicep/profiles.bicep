// Sizing of the dev and prod environments, imported by dev.bicepparam, prod.bicepparam and
// main.bicepparam (the file azd reads, which picks a profile with MLGOV_PROFILE).

import { appScaleByApp } from 'modules/types.bicep'

@export()
@description('Settings that differ between environments.')
type profile = {
  @description('Scale of each app.')
  appScale: appScaleByApp

  @description('Storage replication.')
  storageSku: 'Standard_LRS' | 'Standard_ZRS' | 'Standard_GRS' | 'Standard_GZRS'

  @description('Service Bus tier.')
  serviceBusSku: 'Standard' | 'Premium'

  @description('Storage, Key Vault and Service Bus behind private endpoints, apps in a virtual network.')
  privateNetworking: bool

  @description('Key Vault purge protection (irreversible once on).')
  keyVaultEnablePurgeProtection: bool

  @description('Key Vault soft-delete retention in days.')
  keyVaultSoftDeleteRetentionInDays: int

  @description('Log Analytics retention in days.')
  logRetentionInDays: int
}

// Always-ready instances go only to the apps that run a Service Bus consumer (main.bicep's
// eventConsumers raises them to at least one; the infra tests fail if any other app gets one):
// docs/decisions/006-service-bus-consumers.md.
//
// maximumInstanceCount is sized against the regional Flex Consumption quota: all Flex apps of one
// subscription in one region share 512,000 MB of instance memory (250 instances of 2,048 MB). The sum
// of maximumInstanceCount x instanceMemoryMB of a profile stays within it (dev 5 x 40 x 2,048 =
// 409,600 MB; prod 240 x 2,048 = 491,520 MB), and the tests check that. Two profiles in the same
// subscription and region share the quota: put prod in its own subscription (docs/deploy.md).

@export()
@description('Development: scale to zero except the Service Bus consumer, which keeps the one always-ready instance main.bicep enforces; public endpoints.')
var dev profile = {
  appScale: {
    identity: { alwaysReady: 0, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    registry: { alwaysReady: 0, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    voting: { alwaysReady: 0, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    finance: { alwaysReady: 1, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    risk: { alwaysReady: 0, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
  }
  storageSku: 'Standard_LRS'
  serviceBusSku: 'Standard'
  privateNetworking: false
  keyVaultEnablePurgeProtection: false
  keyVaultSoftDeleteRetentionInDays: 7
  logRetentionInDays: 30
}

// Production chooses private networking: the data services (tables, host storage with the function
// keys, the vault with the signing keys, the broker) accept no traffic from the internet, and the
// apps reach them through private endpoints in their virtual network. The price is Service Bus
// Premium (private endpoints exist only there); a deployment that cannot carry it sets
// privateNetworking false and serviceBusSku Standard here, and keeps RBAC and disabled local auth
// as its only barrier.
@export()
@description('Production: private endpoints and Service Bus Premium, two always-ready instances for the consumer, zone-redundant storage, purge protection on.')
var prod profile = {
  appScale: {
    identity: { alwaysReady: 0, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    registry: { alwaysReady: 0, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    voting: { alwaysReady: 0, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    finance: { alwaysReady: 2, maximumInstanceCount: 60, instanceMemoryMB: 2048 }
    risk: { alwaysReady: 0, maximumInstanceCount: 60, instanceMemoryMB: 2048 }
  }
  storageSku: 'Standard_ZRS'
  serviceBusSku: 'Premium'
  privateNetworking: true
  keyVaultEnablePurgeProtection: true
  keyVaultSoftDeleteRetentionInDays: 90
  logRetentionInDays: 90
}
