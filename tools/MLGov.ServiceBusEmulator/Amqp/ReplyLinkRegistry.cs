using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;

namespace MLGov.ServiceBusEmulator.Amqp;

/// <summary>
/// The client receiver links that request/response nodes ($cbs, $management) answer on, found by the
/// link's target address, which the client also puts in each request's reply-to.
/// </summary>
internal sealed class ReplyLinkRegistry
{
    private readonly ConcurrentDictionary<string, SendingAmqpLink> _links = new(StringComparer.Ordinal);
    private long _tag;

    public void Register(string address, SendingAmqpLink link)
    {
        _links[address] = link;
        link.SafeAddClosed((_, _) => _links.TryRemove(new KeyValuePair<string, SendingAmqpLink>(address, link)));
    }

    public bool TrySend(string replyTo, AmqpMessage response)
    {
        if (!_links.TryGetValue(replyTo, out SendingAmqpLink? link))
        {
            return false;
        }

        byte[] tag = BitConverter.GetBytes(Interlocked.Increment(ref _tag));
        link.SendMessageNoWait(response, new ArraySegment<byte>(tag), AmqpConstants.NullBinary);
        return true;
    }
}
