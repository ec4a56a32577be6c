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

  @description('Key Vault purge protection (irreversible once on).')
  keyVaultEnablePurgeProtection: bool

  @description('Key Vault soft-delete retention in days.')
  keyVaultSoftDeleteRetentionInDays: int

  @description('Log Analytics retention in days.')
  logRetentionInDays: int
}

@export()
@description('Development: scale to zero where possible; the three Service Bus consumers keep the one always-ready instance main.bicep enforces.')
var dev profile = {
  appScale: {
    identity: { alwaysReady: 0, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    registry: { alwaysReady: 1, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    voting: { alwaysReady: 0, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    finance: { alwaysReady: 1, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    risk: { alwaysReady: 1, maximumInstanceCount: 40, instanceMemoryMB: 2048 }
  }
  storageSku: 'Standard_LRS'
  serviceBusSku: 'Standard'
  keyVaultEnablePurgeProtection: false
  keyVaultSoftDeleteRetentionInDays: 7
  logRetentionInDays: 30
}

@export()
@description('Production: warm HTTP apps, two always-ready instances per consumer, zone-redundant storage, purge protection on.')
var prod profile = {
  appScale: {
    identity: { alwaysReady: 1, maximumInstanceCount: 100, instanceMemoryMB: 2048 }
    registry: { alwaysReady: 2, maximumInstanceCount: 100, instanceMemoryMB: 2048 }
    voting: { alwaysReady: 1, maximumInstanceCount: 100, instanceMemoryMB: 2048 }
    finance: { alwaysReady: 2, maximumInstanceCount: 100, instanceMemoryMB: 2048 }
    risk: { alwaysReady: 2, maximumInstanceCount: 100, instanceMemoryMB: 2048 }
  }
  storageSku: 'Standard_ZRS'
  serviceBusSku: 'Standard'
  keyVaultEnablePurgeProtection: true
  keyVaultSoftDeleteRetentionInDays: 90
  logRetentionInDays: 90
}
