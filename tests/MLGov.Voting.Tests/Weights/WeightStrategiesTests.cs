using System.Numerics;
using System.Text.Json;
using MLGov.Core.Errors;
using MLGov.Voting.Domain.Weights;

namespace MLGov.Voting.Tests.Weights;

public sealed class WeightStrategiesTests
{
    private const string Token = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private const string Pool = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    private const string Service = "0x00000000000000000000000000000000000000000000000000000000000000aa";
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Fact]
    public void A_divisor_floors_after_the_multiplier_so_18_decimal_balances_count_whole_tokens()
    {
        var wholeTokens = new Erc20BalanceStrategy(Token, 1, Ether);
        var doubled = new Erc20BalanceStrategy(Token, 2, Ether);

        Assert.Equal(new BigInteger(1), wholeTokens.Weigh(Ether * 3 / 2));        // 1.5 tokens → 1
        Assert.Equal(BigInteger.Zero, wholeTokens.Weigh(Ether - 1));               // 0.999… tokens → 0
        Assert.Equal(new BigInteger(3), doubled.Weigh(Ether * 3 / 2));             // ⌊2 × 1.5⌋ = 3, not 2 × ⌊1.5⌋ = 2
        Assert.Equal(new BigInteger(7), new StakeStrategy(Pool, null, 7, 1).Weigh(1));
        Assert.Equal(new BigInteger(5), new CredentialStrategy("Member", ["did:web:issuer.example"], 5).Weigh(1));
        Assert.Equal(BigInteger.Zero, new CredentialStrategy("Member", ["did:web:issuer.example"], 5).Weigh(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => wholeTokens.Weigh(-1));
    }

    [Fact]
    public void The_json_shape_reads_every_kind_and_writes_it_back_unchanged()
    {
        const string json =
            """[{"kind":"credential","credentialType":"ProviderCredential","issuers":["did:web:issuer.example","did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"],"multiplier":"1"},""" +
            """{"kind":"erc20-balance","token":"0x5fbdb2315678afecb367f032d93f642f64180aa3","multiplier":"1","divisor":"1000000000000000000"},""" +
            """{"kind":"stake","pool":"0xe7f1725e7734ce288f8367e1bb143e90bb3f0512","serviceId":"0x00000000000000000000000000000000000000000000000000000000000000aa","multiplier":"2","divisor":"1"},""" +
            """{"kind":"reputation","multiplier":"3","divisor":"10"}]""";

        var strategies = WeightStrategies.Parse(json);

        Assert.Equal(new CredentialStrategy("ProviderCredential", ["did:web:issuer.example", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"], 1), strategies[0]);
        Assert.NotEqual(new CredentialStrategy("ProviderCredential", ["did:web:issuer.example"], 1), strategies[0]);
        Assert.Equal(new Erc20BalanceStrategy(Token, 1, Ether), strategies[1]);
        Assert.Equal(new StakeStrategy(Pool, Service, 2, 1), strategies[2]);
        Assert.Equal(new ReputationStrategy(3, 10), strategies[3]);
        Assert.Equal(json, WeightStrategies.ToJson(strategies));
    }

    [Fact]
    public void Multiplier_and_divisor_default_to_one_and_may_be_json_integers()
    {
        var strategies = WeightStrategies.Parse("""[{"kind":"erc20-balance","token":"0x5fbdb2315678afecb367f032d93f642f64180aa3"},{"kind":"stake","pool":"0xe7f1725e7734ce288f8367e1bb143e90bb3f0512","multiplier":4,"divisor":2}]""");

        Assert.Equal(new Erc20BalanceStrategy(Token, 1, 1), strategies[0]);
        Assert.Equal(new StakeStrategy(Pool, null, 4, 2), strategies[1]);
    }

    [Fact]
    public void A_credential_strategy_without_type_and_issuers_counts_the_proposals_eligibility_credential()
    {
        const string json = """[{"kind":"credential","multiplier":"2"}]""";

        var strategies = WeightStrategies.Parse(json);

        Assert.Equal(CredentialStrategy.Eligibility(2), strategies[0]);
        Assert.True(((CredentialStrategy)strategies[0]).IsEligibility);
        Assert.Equal(json, WeightStrategies.ToJson(strategies));
        Assert.Equal(["strategies[0].credentialType"], Assert.Throws<ValidationException>(() => WeightStrategies.Parse("""[{"kind":"credential","issuers":["did:web:a.example"]}]""")).Errors.Keys);
        Assert.Equal(["strategies[0].issuers"], Assert.Throws<ValidationException>(() => WeightStrategies.Parse("""[{"kind":"credential","credentialType":"Member"}]""")).Errors.Keys);
        Assert.Equal(["strategies[1]"], Assert.Throws<ValidationException>(() => WeightStrategies.Validate([CredentialStrategy.Eligibility(1), CredentialStrategy.Eligibility(3)])).Errors.Keys);
    }

    [Fact]
    public void Json_serializer_uses_the_same_shape_whatever_its_options()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        IReadOnlyList<WeightStrategy> list = [new StakeStrategy(Pool, null, 2, 1)];

        var json = JsonSerializer.Serialize(list, options);
        var back = JsonSerializer.Deserialize<IReadOnlyList<WeightStrategy>>(json, options);

        Assert.Equal("""[{"kind":"stake","pool":"0xe7f1725e7734ce288f8367e1bb143e90bb3f0512","multiplier":"2","divisor":"1"}]""", json);
        Assert.Equal(list, back);
        Assert.Throws<ValidationException>(() => JsonSerializer.Deserialize<WeightStrategy>("""{"kind":"stake","pool":"0x12"}""", options));
    }

    [Fact]
    public void Bad_definitions_are_refused_listing_every_problem()
    {
        const string json =
            """[{"kind":"votes-by-vibes","multiplier":"1"},""" +
            """{"kind":"erc20-balance","token":"0x5FBDB2315678AFECB367F032D93F642F64180aa3","multiplier":"0"},""" +
            """{"kind":"stake","pool":"0xe7f1725e7734ce288f8367e1bb143e90bb3f0512","serviceId":"0x12","multiplier":"-3","divisor":"0"},""" +
            """{"kind":"credential","credentialType":"","issuers":["not-a-did"],"multiplier":"1.5"},""" +
            """{"kind":"reputation","token":"0x5fbdb2315678afecb367f032d93f642f64180aa3"}]""";

        var error = Assert.Throws<ValidationException>(() => WeightStrategies.Parse(json));

        Assert.Equal(
            [
                "strategies[0].kind",
                "strategies[1].multiplier", "strategies[1].token",
                "strategies[2].divisor", "strategies[2].multiplier", "strategies[2].serviceId",
                "strategies[3].credentialType", "strategies[3].issuers[0]", "strategies[3].multiplier",
                "strategies[4].token",
            ],
            error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("erc20-balance", error.Errors["strategies[0].kind"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_none_or_not_an_array_is_refused()
    {
        var nine = Enumerable.Range(1, 9).Select(i => (WeightStrategy)new Erc20BalanceStrategy("0x" + i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture), 1, 1)).ToArray();

        Assert.Equal(["strategies"], Assert.Throws<ValidationException>(() => WeightStrategies.Validate(nine)).Errors.Keys);
        Assert.Equal(["strategies"], Assert.Throws<ValidationException>(() => WeightStrategies.Validate([])).Errors.Keys);
        Assert.Equal(["strategies"], Assert.Throws<ValidationException>(() => WeightStrategies.Parse("""{"kind":"reputation"}""")).Errors.Keys);
        Assert.Equal(["strategies"], Assert.Throws<ValidationException>(() => WeightStrategies.Parse("[")).Errors.Keys);
        WeightStrategies.Validate(nine[..8]);
    }

    [Fact]
    public void Reading_one_source_twice_is_refused_because_it_would_count_twice()
    {
        WeightStrategy[] sameToken = [new Erc20BalanceStrategy(Token, 1, 1), new Erc20BalanceStrategy(Token.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), 3, 1)];
        WeightStrategy[] poolWideAndOneService = [new StakeStrategy(Pool, null, 1, 1), new StakeStrategy(Pool, Service, 1, 1)];
        WeightStrategy[] twoServices = [new StakeStrategy(Pool, Service, 1, 1), new StakeStrategy(Pool, Service.Replace("aa", "bb", StringComparison.Ordinal), 1, 1)];
        WeightStrategy[] sameCredential = [new CredentialStrategy("Member", ["did:web:a.example", "did:web:b.example"], 1), new CredentialStrategy("Member", ["did:web:b.example", "did:web:a.example"], 1)];

        Assert.Contains("strategies[0]", Assert.Throws<ValidationException>(() => WeightStrategies.Validate(sameToken)).Errors["strategies[1]"][0], StringComparison.Ordinal);
        Assert.Equal(["strategies[1]"], Assert.Throws<ValidationException>(() => WeightStrategies.Validate(poolWideAndOneService)).Errors.Keys);
        Assert.Equal(["strategies[1]"], Assert.Throws<ValidationException>(() => WeightStrategies.Validate(sameCredential)).Errors.Keys);
        WeightStrategies.Validate(twoServices);
    }

    [Fact]
    public void Zero_addresses_repeated_issuers_and_out_of_range_factors_are_refused()
    {
        WeightStrategy[] list =
        [
            new Erc20BalanceStrategy("0x0000000000000000000000000000000000000000", BigInteger.Pow(10, 18) + 1, 1),
            new CredentialStrategy("Member", ["did:web:a.example", "did:web:a.example"], 1),
            new ReputationStrategy(1, BigInteger.Pow(10, 36) + 1),
        ];

        var error = Assert.Throws<ValidationException>(() => WeightStrategies.Validate(list));

        Assert.Equal(["strategies[0].multiplier", "strategies[0].token", "strategies[1].issuers", "strategies[2].divisor"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
