using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Util;

namespace MLGov.Contracts.Tests;

/// <summary>
/// Every typed definition agrees with the ABI of the artifact it belongs to (name, parameter types,
/// names and order, return types, indexed flags, selector), and every ABI entry has a definition,
/// so the C# side cannot drift from the compiled contracts.
/// </summary>
public sealed class DefinitionsMatchArtifactsTests
{
    public static TheoryData<string> FunctionTypes => Names(Definitions.Functions);

    public static TheoryData<string> EventTypes => Names(Definitions.Events);

    public static TheoryData<string> ErrorTypes => Names(Definitions.Errors);

    public static TheoryData<string> Contracts => new(ArtifactAbi.ContractNames);

    [Fact]
    public void Artifacts_AreEmbeddedForEveryContract()
    {
        Assert.Equal(
            ["AssetAnchorRegistry", "GovernanceFinalizer", "GovernanceTimelock", "InsurancePool", "MerkleDistributor", "SoulboundBadge", "StakingPool", "TestToken"],
            ArtifactAbi.ContractNames);
    }

    [Theory]
    [MemberData(nameof(FunctionTypes))]
    public void Function_MatchesArtifact(string typeName)
    {
        var type = TypeOf(typeName);
        var abi = Definitions.FunctionAbi(type);
        var signature = Definitions.Signature(abi.Name, abi.InputParameters);
        var entry = FindEntry(type, "function", signature);

        AssertParameters(entry.Inputs, abi.InputParameters, checkIndexed: false);
        Assert.Equal(Selector(signature), abi.Sha3Signature);

        var attribute = (FunctionAttribute)Attribute.GetCustomAttribute(type, typeof(FunctionAttribute))!;
        if (attribute.DTOReturnType is not null)
        {
            var output = new AttributesToABIExtractor().ExtractParametersFromAttributes(attribute.DTOReturnType);
            Assert.True(entry.Outputs.Count > 1, $"{type.Name}: output DTO for a function with {entry.Outputs.Count} outputs");
            AssertParameters(entry.Outputs, output, checkIndexed: false);
        }
        else if (attribute.ReturnType is not null)
        {
            Assert.Equal(entry.Outputs.Select(parameter => parameter.Type), [attribute.ReturnType]);
        }
        else
        {
            Assert.Empty(entry.Outputs);
        }
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Event_MatchesArtifact(string typeName)
    {
        var type = TypeOf(typeName);
        var abi = Definitions.EventAbi(type);
        var signature = Definitions.Signature(abi.Name, abi.InputParameters);
        var entry = FindEntry(type, "event", signature);

        AssertParameters(entry.Inputs, abi.InputParameters, checkIndexed: true);
        Assert.Equal(Sha3Keccack.Current.CalculateHash(signature), abi.Sha3Signature);
    }

    [Theory]
    [MemberData(nameof(ErrorTypes))]
    public void Error_MatchesArtifact(string typeName)
    {
        var type = TypeOf(typeName);
        var abi = Definitions.ErrorAbi(type);
        var signature = Definitions.Signature(abi.Name, abi.InputParameters);
        var entry = FindEntry(type, "error", signature);

        AssertParameters(entry.Inputs, abi.InputParameters, checkIndexed: false);
        Assert.Equal(Selector(signature), abi.Sha3Signature);
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void EveryAbiEntry_HasADefinition(string contractName)
    {
        var artifact = ArtifactAbi.Load(contractName);
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in Definitions.Functions.Where(type => BelongsTo(type, contractName)))
        {
            var abi = Definitions.FunctionAbi(type);
            defined.Add("function " + Definitions.Signature(abi.Name, abi.InputParameters));
        }

        foreach (var type in Definitions.Events.Where(type => BelongsTo(type, contractName)))
        {
            var abi = Definitions.EventAbi(type);
            defined.Add("event " + Definitions.Signature(abi.Name, abi.InputParameters));
        }

        foreach (var type in Definitions.Errors.Where(type => BelongsTo(type, contractName)))
        {
            var abi = Definitions.ErrorAbi(type);
            defined.Add("error " + Definitions.Signature(abi.Name, abi.InputParameters));
        }

        var missing = artifact.Entries
            .Where(entry => entry.Kind is "function" or "event" or "error")
            .Select(entry => $"{entry.Kind} {entry.Signature}")
            .Where(signature => !defined.Contains(signature))
            .ToList();
        Assert.True(missing.Count == 0, $"{contractName} has no definition for: {string.Join("; ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Deployment_UsesArtifactBytecodeAndConstructor(string contractName)
    {
        var type = Assert.Single(Definitions.Deployments, type => type.Name == contractName + "Deployment");
        var deployment = (Nethereum.Contracts.ContractDeploymentMessage)Activator.CreateInstance(type)!;
        Assert.Equal(ContractArtifact.Load(contractName).Bytecode, deployment.ByteCode);
        // creation code starts by setting the free memory pointer: PUSH1 0x80, or PUSH2 when immutables need more memory
        Assert.Matches("^0x6[01]", deployment.ByteCode);

        var constructor = ArtifactAbi.Load(contractName).OfKind("constructor").SingleOrDefault();
        var parameters = new AttributesToABIExtractor().ExtractParametersFromAttributes(type);
        AssertParameters(constructor?.Inputs ?? [], parameters, checkIndexed: false);
    }

    [Fact]
    public void SharedDefinitions_ExistInEveryAccessControlContract()
    {
        var accessControlled = ArtifactAbi.ContractNames.Select(ArtifactAbi.Load).ToList();
        foreach (var type in Definitions.Functions.Where(type => Definitions.FolderOf(type) == Definitions.SharedFolder))
        {
            var abi = Definitions.FunctionAbi(type);
            var signature = Definitions.Signature(abi.Name, abi.InputParameters);
            if (abi.Name is "supportsInterface" or "grantRole" or "hasRole" or "DEFAULT_ADMIN_ROLE")
            {
                Assert.All(accessControlled, artifact => Assert.Contains(artifact.OfKind("function"), entry => entry.Signature == signature));
            }
        }
    }

    private static TheoryData<string> Names(IEnumerable<Type> types) => new(types.Select(type => type.FullName!).Order(StringComparer.Ordinal));

    private static Type TypeOf(string fullName) => typeof(ContractArtifact).Assembly.GetType(fullName, throwOnError: true)!;

    private static bool BelongsTo(Type type, string contractName)
    {
        var folder = Definitions.FolderOf(type);
        return folder == contractName || folder == Definitions.SharedFolder;
    }

    /// <summary>The ABI entry the definition stands for: in its contract's artifact, or (for the
    /// shared folder) in at least one artifact.</summary>
    private static AbiEntry FindEntry(Type type, string kind, string signature)
    {
        var folder = Definitions.FolderOf(type);
        var contracts = folder == Definitions.SharedFolder ? ArtifactAbi.ContractNames : [folder];
        Assert.True(
            folder == Definitions.SharedFolder || ArtifactAbi.ContractNames.Contains(folder),
            $"{type.FullName}: no artifact named {folder}");
        var entry = contracts
            .SelectMany(contract => ArtifactAbi.Load(contract).OfKind(kind))
            .FirstOrDefault(candidate => candidate.Signature == signature);
        Assert.True(entry is not null, $"{type.FullName}: {kind} {signature} is not in the ABI of {string.Join(", ", contracts)}");
        return entry!;
    }

    private static void AssertParameters(IReadOnlyList<AbiParameter> expected, IEnumerable<Parameter> actual, bool checkIndexed)
    {
        var ordered = actual.OrderBy(parameter => parameter.Order).ToList();
        Assert.Equal(expected.Select(parameter => parameter.Type), ordered.Select(parameter => parameter.Type));
        Assert.Equal(expected.Select(parameter => parameter.Name), ordered.Select(parameter => parameter.Name));
        Assert.Equal(Enumerable.Range(1, ordered.Count), ordered.Select(parameter => parameter.Order));
        if (checkIndexed)
        {
            Assert.Equal(expected.Select(parameter => parameter.Indexed), ordered.Select(parameter => parameter.Indexed));
        }
    }

    private static string Selector(string signature) => Sha3Keccack.Current.CalculateHash(signature)[..8];
}
