// Service Bus namespace with the topics, subscriptions and rules of infra/servicebus/topology.json,
// the same file the local emulator reads. Local (SAS) auth is off: apps connect with their managed
// identity only.

import { topicSpec, tagSet } from 'types.bicep'

@description('Azure region of the namespace.')
param location string

@description('Tags applied to every resource.')
param tags tagSet

@description('Namespace name.')
@minLength(6)
@maxLength(50)
param name string

@description('Namespace tier; topics need Standard or Premium.')
param skuName 'Standard' | 'Premium'

@description('Topics of the topology file.')
param topics topicSpec[]

@description('Whether the namespace is reachable only through its private endpoint (needs Premium).')
param privateNetworking bool

@description('Log Analytics workspace that receives the namespace\'s logs and metrics.')
param logAnalyticsWorkspaceId string

// Bicep has no nested resource loops: flatten topics -> subscriptions -> rules, keeping the parents' names.
var topicNames = map(topics, t => t.name)
var subscriptions = flatten(map(topics, t => map(t.subscriptions, s => union(s, { topic: t.name }))))
var subscriptionKeys = map(subscriptions, s => '${s.topic}/${s.name}')
var rules = flatten(map(subscriptions, s => map(s.rules, r => union(r, { topic: s.topic, subscription: s.name }))))
// A subscription created through ARM always gets a `$Default` rule that matches every message, and rules
// are OR-ed: a subscription with filters would still receive everything. Replace `$Default` with a filter
// that matches nothing, so the topology's rules alone decide, as in the emulator.
var filteredSubscriptions = filter(subscriptions, s => !empty(s.rules))

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
    capacity: skuName == 'Premium' ? 1 : null
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

// Operational, runtime-audit and VNet logs, and the entity metrics (active and dead-lettered counts).
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: namespace
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { categoryGroup: 'allLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

resource topicResources 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = [
  for t in topics: {
    parent: namespace
    name: t.name
    properties: {
      defaultMessageTimeToLive: t.defaultMessageTimeToLive
      requiresDuplicateDetection: t.requiresDuplicateDetection
      duplicateDetectionHistoryTimeWindow: t.duplicateDetectionHistoryTimeWindow
      enableBatchedOperations: true
      supportOrdering: false
    }
  }
]

resource subscriptionResources 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for s in subscriptions: {
    parent: topicResources[indexOf(topicNames, s.topic)]
    name: s.name
    properties: {
      maxDeliveryCount: s.maxDeliveryCount
      lockDuration: s.lockDuration
      deadLetteringOnMessageExpiration: s.deadLetteringOnMessageExpiration
      deadLetteringOnFilterEvaluationExceptions: true
      requiresSession: false
      enableBatchedOperations: true
    }
  }
]

resource ruleResources 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = [
  for r in rules: {
    parent: subscriptionResources[indexOf(subscriptionKeys, '${r.topic}/${r.subscription}')]
    name: r.name
    properties: {
      filterType: 'CorrelationFilter'
      correlationFilter: {
        label: r.correlationFilter.?subject
        correlationId: r.correlationFilter.?correlationId
        messageId: r.correlationFilter.?messageId
        to: r.correlationFilter.?to
        replyTo: r.correlationFilter.?replyTo
        sessionId: r.correlationFilter.?sessionId
        contentType: r.correlationFilter.?contentType
        properties: r.correlationFilter.?properties
      }
    }
  }
]

resource defaultRuleOverrides 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = [
  for s in filteredSubscriptions: {
    parent: subscriptionResources[indexOf(subscriptionKeys, '${s.topic}/${s.name}')]
    name: '$Default'
    properties: {
      filterType: 'SqlFilter'
      sqlFilter: {
        sqlExpression: '1=0'
      }
    }
  }
]

@description('Name of the namespace.')
output name string = namespace.name

@description('Resource id of the namespace.')
output id string = namespace.id

@description('Fully qualified namespace host name (for ServiceBus__FullyQualifiedNamespace).')
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]

@description('Topic names.')
output topicNames string[] = [for (t, i) in topics: topicResources[i].name]

@description('Subscriptions as topic/subscription.')
output subscriptionNames string[] = [for (s, i) in subscriptions: '${s.topic}/${subscriptionResources[i].name}']

@description('Rules as topic/subscription/rule, including the `$Default` overrides.')
output ruleNames string[] = concat(
  map(rules, r => '${r.topic}/${r.subscription}/${r.name}'),
  map(filteredSubscriptions, s => '${s.topic}/${s.name}/$Default')
)
