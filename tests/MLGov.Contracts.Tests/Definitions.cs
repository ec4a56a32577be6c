using System.Reflection;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;

namespace MLGov.Contracts.Tests;

/// <summary>The typed definitions in MLGov.Contracts, as Nethereum reads their attributes.</summary>
internal static class Definitions
{
    /// <summary>Folder (and namespace) of the members every AccessControl contract inherits.</summary>
    public const string SharedFolder = "OpenZeppelin";

    private static readonly Type[] AllTypes = typeof(ContractArtifact).Assembly.GetExportedTypes();

    public static IEnumerable<Type> Functions => AllTypes.Where(type => type.GetCustomAttribute<FunctionAttribute>() is not null);

    public static IEnumerable<Type> Events => AllTypes.Where(type => type.GetCustomAttribute<EventAttribute>() is not null);

    public static IEnumerable<Type> Errors => AllTypes.Where(type => type.GetCustomAttribute<ErrorAttribute>() is not null);

    public static IEnumerable<Type> Deployments => AllTypes.Where(type => type.IsSubclassOf(typeof(ContractDeploymentMessage)));

    /// <summary>The contract a definition belongs to: the last segment of its namespace.</summary>
    public static string FolderOf(Type type) => type.Namespace![(type.Namespace!.LastIndexOf('.') + 1)..];

    public static FunctionABI FunctionAbi(Type type) => (FunctionABI)Registry(nameof(ABITypedRegistry.GetFunctionABI), type);

    public static EventABI EventAbi(Type type) => (EventABI)Registry(nameof(ABITypedRegistry.GetEvent), type);

    public static ErrorABI ErrorAbi(Type type) => (ErrorABI)Registry(nameof(ABITypedRegistry.GetError), type);

    public static string Signature(string name, IEnumerable<Parameter> parameters) =>
        $"{name}({string.Join(',', parameters.OrderBy(parameter => parameter.Order).Select(parameter => parameter.Type))})";

    private static object Registry(string method, Type type) =>
        typeof(ABITypedRegistry).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(candidate => candidate.Name == method && candidate.IsGenericMethodDefinition && candidate.GetParameters().Length == 0)
            .MakeGenericMethod(type)
            .Invoke(null, null)!;
}
