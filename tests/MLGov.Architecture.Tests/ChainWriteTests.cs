using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MLGov.Architecture.Tests;

/// <summary>
/// No function app or domain library sends a transaction itself and waits for its receipt: chain writes
/// are intents recorded with state and sent by the app's transaction sender (docs/chain-writes.md). The
/// synchronous send path stays for the deployer and tests, which the rule must flag (it does, below).
/// </summary>
public sealed class ChainWriteTests
{
    public static TheoryData<string> AppsAndDomains() => [.. SolutionLayout.Apps.Concat(SolutionLayout.DomainLibraries).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(AppsAndDomains))]
    public void No_app_or_domain_sends_a_transaction_and_waits_for_its_receipt(string name)
    {
        var project = SolutionLayout.Apps.Concat(SolutionLayout.DomainLibraries).Single(p => p.Name == name);

        Assert.Empty(SynchronousSends(project.Load()));
    }

    [Fact]
    public void The_rule_flags_the_deployer_which_does_wait_for_receipts()
    {
        var calls = SynchronousSends(typeof(MLGov.Operations.Deployment.GovernanceDeployer).Assembly);

        Assert.Contains(calls, c => c.Contains("GovernanceDeployer", StringComparison.Ordinal) && c.Contains("DeployAsync", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Contains("RequestAndWaitForReceiptAsync", StringComparison.Ordinal));
    }

    /// <summary>"Caller → callee" for every call of a synchronous send: IChainClient.SendAsync/DeployAsync, ChainClient's, or a contract service's *RequestAndWaitForReceiptAsync.</summary>
    private static List<string> SynchronousSends(Assembly assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        var found = new List<string>();
        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.OpCode.Code is Code.Call or Code.Callvirt or Code.Ldftn or Code.Ldvirtftn
                        && instruction.Operand is MethodReference callee && IsSynchronousSend(callee))
                    {
                        found.Add($"{type.FullName}.{method.Name} → {callee.DeclaringType.FullName}.{callee.Name}");
                    }
                }
            }
        }

        return found;
    }

    private static bool IsSynchronousSend(MethodReference callee)
    {
        var declaring = callee.DeclaringType.FullName;
        return callee.Name.EndsWith("RequestAndWaitForReceiptAsync", StringComparison.Ordinal)
            || (declaring is "MLGov.Platform.Chain.IChainClient" or "MLGov.Platform.Chain.ChainClient" && callee.Name is "SendAsync" or "DeployAsync");
    }
}
