using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace MLGov.Platform.Chain;

/// <summary>
/// The receipt of a mined, successful transaction, with its events decoded into the typed
/// definitions of MLGov.Contracts. Contract services return it so callers read what actually
/// happened on chain instead of assuming it.
/// </summary>
public sealed class ContractReceipt
{
    private readonly FilterLog[] _logs;

    public ContractReceipt(TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        Receipt = receipt;
        _logs = receipt.Logs is null ? [] : receipt.Logs.ConvertToFilterLog();
    }

    /// <summary>The transaction hash (0x-prefixed).</summary>
    public string TransactionHash => Receipt.TransactionHash;

    public ulong BlockNumber => (ulong)Receipt.BlockNumber.Value;

    /// <summary>Gas used by the transaction (including the 21,000 base cost and calldata).</summary>
    public BigInteger GasUsed => Receipt.GasUsed.Value;

    /// <summary>The address of the contract a deployment created, or null for calls.</summary>
    public string? ContractAddress => string.IsNullOrEmpty(Receipt.ContractAddress) ? null : Receipt.ContractAddress;

    /// <summary>The Nethereum receipt underneath, for what this type does not surface.</summary>
    public TransactionReceipt Receipt { get; }

    /// <summary>
    /// Every <typeparamref name="TEvent"/> in log order, optionally only those emitted by
    /// <paramref name="emitter"/>. Logs whose topic count does not fit the event's indexed
    /// parameters (an ERC-20 and an ERC-721 <c>Transfer</c> share a signature) are skipped.
    /// </summary>
    public IReadOnlyList<TEvent> Events<TEvent>(string? emitter = null)
        where TEvent : IEventDTO, new()
    {
        var abi = ABITypedRegistry.GetEvent<TEvent>();
        var topics = 1 + abi.InputParameters.Count(p => p.Indexed);
        return [.. _logs
            .Where(log => emitter is null || string.Equals(log.Address, emitter, StringComparison.OrdinalIgnoreCase))
            .Where(log => log.Topics is { Length: > 0 } && log.Topics.Length == topics && abi.IsLogForEvent(log))
            .Select(log => log.DecodeEvent<TEvent>().Event)];
    }

    /// <summary>The one <typeparamref name="TEvent"/> of the transaction; throws when there is none or more than one.</summary>
    public TEvent SingleEvent<TEvent>(string? emitter = null)
        where TEvent : IEventDTO, new()
    {
        var events = Events<TEvent>(emitter);
        return events.Count == 1
            ? events[0]
            : throw new InvalidOperationException($"Transaction {TransactionHash} emitted {events.Count} {typeof(TEvent).Name} events{(emitter is null ? string.Empty : " from " + emitter)}, expected exactly one.");
    }
}
