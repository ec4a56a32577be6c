// Alerts that say when event consumers fall behind (docs/decisions/006-service-bus-consumers.md):
//   - Service Bus metrics ActiveMessages and DeadletteredMessages per topic. Azure Monitor splits these
//     metrics by EntityName only, which for a topic is the topic: the finest grain the platform offers.
//   - Dead-lettering per subscription, from the counter mlgov.events.dead_lettered the consumers emit
//     with a `subscription` dimension (lib/MLGov.Platform/Telemetry/MLGovTelemetry.cs).
//   - Outbox lag per app, from the histogram mlgov.outbox.lag (time from commit to broker acceptance).

import { tagSet } from 'types.bicep'

@description('Azure region of the log-based alert rules (metric alerts are global).')
param location string

@description('Tags applied to every resource.')
param tags tagSet

@description('Prefix of the alert rule names.')
param namePrefix string

@description('Resource id of the Service Bus namespace.')
param serviceBusNamespaceId string

@description('Topic names, each watched for backlog and dead letters.')
param topicNames string[]

@description('Resource id of the Application Insights component the apps report to.')
param applicationInsightsId string

@description('Active messages a topic may hold on average over 15 minutes before the alert fires.')
param activeMessagesThreshold int

@description('Outbox lag in milliseconds above which the alert fires.')
param outboxLagThresholdMs int

@description('Action group notified by every alert; empty means alerts only show in Azure Monitor.')
param actionGroupId string

var metricActions = empty(actionGroupId) ? [] : [{ actionGroupId: actionGroupId }]
var logActions = {
  actionGroups: empty(actionGroupId) ? [] : [actionGroupId]
}
var serviceBusMetrics = [
  {
    key: 'backlog'
    metric: 'ActiveMessages'
    threshold: activeMessagesThreshold
    severity: 2
    description: 'Active messages on the topic\'s subscriptions stay above the threshold: a consumer is down or cannot keep up.'
  }
  {
    key: 'dead-letters'
    metric: 'DeadletteredMessages'
    threshold: 0
    severity: 1
    description: 'A message of the topic was dead-lettered: it needs an operator (docs/events.md, dead letters).'
  }
]
var topicAlerts = flatten(map(topicNames, t => map(serviceBusMetrics, m => union(m, { topic: t }))))

resource topicMetricAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for a in topicAlerts: {
    name: '${namePrefix}-${a.topic}-${a.key}'
    location: 'global'
    tags: tags
    properties: {
      description: a.description
      severity: a.severity
      enabled: true
      scopes: [serviceBusNamespaceId]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      autoMitigate: true
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: a.metric
            metricNamespace: 'Microsoft.ServiceBus/namespaces'
            metricName: a.metric
            dimensions: [
              {
                name: 'EntityName'
                operator: 'Include'
                values: [a.topic]
              }
            ]
            operator: 'GreaterThan'
            threshold: a.threshold
            timeAggregation: 'Average'
          }
        ]
      }
      actions: metricActions
    }
  }
]

resource deadLetteredBySubscription 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: '${namePrefix}-dead-lettered-by-subscription'
  location: location
  tags: tags
  properties: {
    displayName: 'Messages dead-lettered by a consumer, per subscription'
    description: 'A consumer moved a message to the dead-letter queue of its subscription (mlgov.events.dead_lettered).'
    severity: 1
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "mlgov.events.dead_lettered" | extend subscription = tostring(customDimensions["subscription"]) | summarize deadLettered = sum(valueSum) by subscription'
          timeAggregation: 'Total'
          metricMeasureColumn: 'deadLettered'
          dimensions: [
            {
              name: 'subscription'
              operator: 'Include'
              values: ['*']
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: logActions
  }
}

resource outboxLag 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: '${namePrefix}-outbox-lag'
  location: location
  tags: tags
  properties: {
    displayName: 'Outbox lag, per app'
    description: 'Events wait longer than the threshold between their commit and the broker accepting them (mlgov.outbox.lag).'
    severity: 2
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "mlgov.outbox.lag" | summarize lagMs = max(valueMax) by app = cloud_RoleName'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'lagMs'
          dimensions: [
            {
              name: 'app'
              operator: 'Include'
              values: ['*']
            }
          ]
          operator: 'GreaterThan'
          threshold: outboxLagThresholdMs
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: logActions
  }
}

@description('Names of every alert rule.')
output names string[] = concat(
  map(topicAlerts, a => '${namePrefix}-${a.topic}-${a.key}'),
  [deadLetteredBySubscription.name, outboxLag.name]
)
