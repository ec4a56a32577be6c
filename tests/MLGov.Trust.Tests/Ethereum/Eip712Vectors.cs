namespace MLGov.Trust.Tests.Ethereum;

/// <summary>
/// Public EIP-712 test vectors.
/// <list type="bullet">
/// <item>The specification's own example: ethereum/EIPs <c>assets/eip-712/Example.js</c> (the 'Mail' message from Cow to
/// Bob, domain 'Ether Mail' v1 on chain 1, private key <c>keccak256("cow")</c>) with its expected encodeType, typeHash,
/// encodeData, struct hash, domain separator, digest and signature (v = 28).</item>
/// <item>The earlier revision of the same file, whose domain also had <c>string httpOrigin</c>: digest and signature (v = 27).</item>
/// <item>MetaMask <c>eth-sig-util</c>, <c>src/sign-typed-data.test.ts</c>, test 'signedTypeData_v4': the same domain with
/// arrays (<c>address[]</c>, <c>Person[]</c>) and an unused type <c>Group</c>; its struct hash, digest and V4 signature.</item>
/// </list>
/// </summary>
internal static class Eip712Vectors
{
    public const string MailTypedData = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" },
              { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" },
              { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [
              { "name": "name", "type": "string" },
              { "name": "wallet", "type": "address" }
            ],
            "Mail": [
              { "name": "from", "type": "Person" },
              { "name": "to", "type": "Person" },
              { "name": "contents", "type": "string" }
            ]
          },
          "primaryType": "Mail",
          "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
          "message": {
            "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            "contents": "Hello, Bob!"
          }
        }
        """;

    public const string MailEncodeType = "Mail(Person from,Person to,string contents)Person(string name,address wallet)";
    public const string MailTypeHash = "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2";
    public const string MailStructHash = "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e";
    public const string MailDomainSeparator = "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f";
    public const string MailDigest = "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2";
    public const string CowAddress = "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826";
    public const string MailR = "4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d";
    public const string MailS = "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562";
    public const byte MailV = 28;

    public const string MailWithOriginTypedData = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" },
              { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" },
              { "name": "httpOrigin", "type": "string" },
              { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [ { "name": "name", "type": "string" }, { "name": "wallet", "type": "address" } ],
            "Mail": [ { "name": "from", "type": "Person" }, { "name": "to", "type": "Person" }, { "name": "contents", "type": "string" } ]
          },
          "primaryType": "Mail",
          "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "httpOrigin": "https://ether-mail.eth", "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
          "message": {
            "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            "contents": "Hello, Bob!"
          }
        }
        """;

    public const string MailWithOriginDigest = "0xa5f5fa6b05af38f2e9d2889ac36f5a4ba31e20646781d23739de458d86d6593e";
    public const string MailWithOriginR = "24040eda35064d96c51f3308b5fae290edae563327348886a366ed604e0c0480";
    public const string MailWithOriginS = "42bbabf2fae4b00598596a99d577dde56ff9d013e861f611cfe7b0728e1cd057";

    public const string ArraysTypedData = """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
        "Person":[{"name":"name","type":"string"},{"name":"wallets","type":"address[]"}],
        "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person[]"},{"name":"contents","type":"string"}],
        "Group":[{"name":"name","type":"string"},{"name":"members","type":"Person[]"}]},
        "domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
        "primaryType":"Mail",
        "message":{"from":{"name":"Cow","wallets":["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826","0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"]},
        "to":[{"name":"Bob","wallets":["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB","0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57","0xB0B0b0b0b0b0B000000000000000000000000000"]}],
        "contents":"Hello, Bob!"}}
        """;

    public const string ArraysStructHash = "0xeb4221181ff3f1a83ea7313993ca9218496e424604ba9492bb4052c03d5c3df8";
    public const string ArraysDigest = "0xa85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2";
    public const string ArraysSignature = "0x65cbd956f2fae28a601bebc9b906cea0191744bd4c4247bcd27cd08f8eb6b71c78efdf7a31dc9abee78f492292721f362d296cf86b4538e07b51303b67f749061b";
}
