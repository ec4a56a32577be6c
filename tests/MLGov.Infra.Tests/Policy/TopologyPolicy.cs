using System.Text.Json.Nodes;
using MLGov.Infra.Tests.Arm;

namespace MLGov.Infra.Tests.Policy;

/// <summary>The Service Bus entities of the template equal infra/servicebus/topology.json, field by field.</summary>
public static class TopologyPolicy
{
    private const string TopicType = "Microsoft.ServiceBus/namespaces/topics";
    private const string SubscriptionType = "Microsoft.ServiceBus/namespaces/topics/subscriptions";
    private const string RuleType = "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules";

    /// <summary>Topology correlation-filter fields and the ARM property each maps to.</summary>
    private static readonly Dictionary<string, string> CorrelationFields = new(StringComparer.Ordinal)
    {
        ["subject"] = "label",
        ["correlationId"] = "correlationId",
        ["messageId"] = "messageId",
        ["to"] = "to",
        ["replyTo"] = "replyTo",
        ["sessionId"] = "sessionId",
        ["contentType"] = "contentType",
        ["properties"] = "properties",
    };

    public static IReadOnlyList<string> Check(Deployment deployment, ServiceBusTopology topology)
    {
        var violations = new List<string>();
        var ns = deployment.One("Microsoft.ServiceBus/namespaces");
        if (ns.At("properties.disableLocalAuth")?.GetValue<bool>() != true)
        {
            violations.Add("Service Bus namespace allows SAS keys (disableLocalAuth is not true)");
        }

        // Entities keyed by their path below the namespace: topic, topic/subscription, topic/subscription/rule.
        var prefix = ns.Name + "/";
        var topics = deployment.OfType(TopicType).ToDictionary(r => r.Name[prefix.Length..], StringComparer.Ordinal);
        var subscriptions = deployment.OfType(SubscriptionType).ToDictionary(r => r.Name[prefix.Length..], StringComparer.Ordinal);
        var rules = deployment.OfType(RuleType).ToDictionary(r => r.Name[prefix.Length..], StringComparer.Ordinal);

        var expectedQueues = topology.Queues.Select(q => q!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        var actualQueues = deployment.OfType("Microsoft.ServiceBus/namespaces/queues").Select(q => q.ShortName).Order(StringComparer.Ordinal);
        if (!expectedQueues.SequenceEqual(actualQueues))
        {
            violations.Add($"queues [{string.Join(", ", actualQueues)}] differ from the topology's [{string.Join(", ", expectedQueues)}]");
        }

        var expectedTopics = new HashSet<string>(StringComparer.Ordinal);
        var expectedSubscriptions = new HashSet<string>(StringComparer.Ordinal);
        var expectedRules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in topology.Topics)
        {
            var topicKey = ServiceBusTopology.Name(topic);
            expectedTopics.Add(topicKey);
            CompareFields(topics.GetValueOrDefault(topicKey), topic, ["name", "publishers", "subscriptions"], "topic " + topicKey, violations);

            foreach (var subscription in topic["subscriptions"]!.AsArray().Select(s => s!.AsObject()))
            {
                var subscriptionKey = $"{topicKey}/{ServiceBusTopology.Name(subscription)}";
                expectedSubscriptions.Add(subscriptionKey);
                CompareFields(subscriptions.GetValueOrDefault(subscriptionKey), subscription, ["name", "subscriber", "rules"], "subscription " + subscriptionKey, violations);

                var topologyRules = subscription["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
                foreach (var rule in topologyRules)
                {
                    var ruleKey = $"{subscriptionKey}/{ServiceBusTopology.Name(rule)}";
                    expectedRules.Add(ruleKey);
                    CompareRule(rules.GetValueOrDefault(ruleKey), rule, ruleKey, violations);
                }

                // ARM gives every subscription a match-all $Default rule; with filters it must match nothing.
                var defaultKey = subscriptionKey + "/$Default";
                if (topologyRules.Count > 0)
                {
                    expectedRules.Add(defaultKey);
                    var defaultRule = rules.GetValueOrDefault(defaultKey);
                    if (defaultRule?.At("properties.filterType")?.GetValue<string>() != "SqlFilter" ||
                        defaultRule.At("properties.sqlFilter.sqlExpression")?.GetValue<string>() != "1=0")
                    {
                        violations.Add($"subscription {subscriptionKey} has filters but its $Default rule is not replaced by a match-nothing filter, so it would receive every message");
                    }
                }
            }
        }

        ReportDifference("topic", expectedTopics, topics.Keys, violations);
        ReportDifference("subscription", expectedSubscriptions, subscriptions.Keys, violations);
        ReportDifference("rule", expectedRules, rules.Keys, violations);
        return violations;
    }

    private static void CompareFields(PredictedResource? resource, JsonObject spec, string[] structural, string what, List<string> violations)
    {
        if (resource is null)
        {
            return;
        }

        foreach (var (field, expected) in spec)
        {
            if (structural.Contains(field, StringComparer.Ordinal))
            {
                continue;
            }

            var actual = resource.Properties[field];
            if (!JsonNode.DeepEquals(actual, expected))
            {
                violations.Add($"{what}: {field} is {actual?.ToJsonString() ?? "missing"} in the template, {expected?.ToJsonString()} in the topology");
            }
        }
    }

    private static void CompareRule(PredictedResource? resource, JsonObject rule, string key, List<string> violations)
    {
        if (resource is null)
        {
            return;
        }

        var filter = rule["correlationFilter"]?.AsObject() ?? [];
        foreach (var field in filter.Select(f => f.Key).Where(f => !CorrelationFields.ContainsKey(f)))
        {
            violations.Add($"rule {key}: correlation filter field '{field}' of the topology has no ARM mapping");
        }

        if (resource.At("properties.filterType")?.GetValue<string>() != "CorrelationFilter")
        {
            violations.Add($"rule {key}: filterType is not CorrelationFilter");
        }

        var actual = resource.At("properties.correlationFilter")?.AsObject() ?? [];
        foreach (var (topologyField, armField) in CorrelationFields)
        {
            if (!JsonNode.DeepEquals(actual[armField], filter[topologyField]))
            {
                violations.Add($"rule {key}: correlationFilter.{armField} is {actual[armField]?.ToJsonString() ?? "null"}, topology {topologyField} is {filter[topologyField]?.ToJsonString() ?? "null"}");
            }
        }
    }

    private static void ReportDifference(string kind, HashSet<string> expected, IEnumerable<string> actual, List<string> violations)
    {
        var actualSet = actual.ToHashSet(StringComparer.Ordinal);
        violations.AddRange(expected.Except(actualSet).Select(k => $"{kind} {k} of the topology is missing from the template"));
        violations.AddRange(actualSet.Except(expected).Select(k => $"{kind} {k} is in the template but not in the topology"));
    }
}
