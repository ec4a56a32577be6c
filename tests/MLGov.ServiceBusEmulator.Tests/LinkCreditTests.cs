using System.Threading.Channels;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;
using Xunit;

namespace MLGov.ServiceBusEmulator.Tests;

/// <summary>
/// Link credit on the wire, below the SDK: a receiver link from the AMQP library the SDK is built on, with the
/// credit set by hand, so each flow carries exactly the delivery-count and link-credit the test chooses.
/// </summary>
public sealed class LinkCreditTests : IClassFixture<EmulatorFixture>
{
    public const string Queue = "link-credit";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>How long "nothing more arrives" is watched for; a message sent in error arrives well within it.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);
    private readonly EmulatorFixture _fixture;

    public LinkCreditTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Flows_AreHonouredExactly_WithUnsettledDeliveriesOutstanding_AndDrainAdvancesTheDeliveryCount()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender(Queue);
        await sender.SendMessagesAsync(Enumerable.Range(0, 10).Select(i => new ServiceBusMessage($"c-{i}")));

        AmqpConnection connection = await ConnectAsync();
        try
        {
            AmqpSession session = connection.CreateSession(new AmqpSessionSettings());
            await session.OpenAsync(Bound);
            var arrived = Channel.CreateUnbounded<AmqpMessage>();
            var link = new ReceivingAmqpLink(session, new AmqpLinkSettings
            {
                LinkName = "manual-credit",
                Role = true,
                Source = new Source { Address = Queue },
                Target = new Target { Address = "test-receiver" },
                SettleType = SettleMode.SettleOnDispose,
                AutoSendFlow = false,
            });
            link.RegisterMessageListener(message => arrived.Writer.TryWrite(message));
            await link.OpenAsync(Bound);

            // flow(delivery-count 0, link-credit 4): four of the ten, and they stay unsettled.
            link.IssueCredit(4, false, AmqpConstants.NullBinary);
            Assert.Equal(4, await CountArrivalsAsync(arrived, 4));

            // flow(delivery-count 4, link-credit 3) with four deliveries unsettled: 4 + 3 - 4 = 3 more.
            link.IssueCredit(3, false, AmqpConstants.NullBinary);
            Assert.Equal(3, await CountArrivalsAsync(arrived, 3));

            // Drain with credit 10 and three messages left: the three, then a flow that spends the other seven.
            link.IssueCredit(10, true, AmqpConstants.NullBinary);
            Assert.Equal(3, await CountArrivalsAsync(arrived, 3));
            DateTime deadline = DateTime.UtcNow + Bound;
            while (link.LinkCredit != 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.Equal(0u, link.LinkCredit);

            // The sender's delivery-count is now 17, like ours: credit 1 lets exactly one of two new messages through.
            await sender.SendMessagesAsync([new ServiceBusMessage("late-1"), new ServiceBusMessage("late-2")]);
            Assert.Equal(0, await CountArrivalsAsync(arrived, 0));
            link.IssueCredit(1, false, AmqpConstants.NullBinary);
            Assert.Equal(1, await CountArrivalsAsync(arrived, 1));
        }
        finally
        {
            await connection.CloseAsync(Bound);
        }
    }

    /// <summary>Waits (bounded) for <paramref name="expected"/> messages, then watches a moment for any beyond them.</summary>
    private static async Task<int> CountArrivalsAsync(Channel<AmqpMessage> arrived, int expected)
    {
        int count = 0;
        DateTime deadline = DateTime.UtcNow + Bound;
        while (count < expected && DateTime.UtcNow < deadline)
        {
            if (arrived.Reader.TryRead(out _))
            {
                count++;
            }
            else
            {
                await Task.Delay(10);
            }
        }

        await Task.Delay(Quiet);
        while (arrived.Reader.TryRead(out _))
        {
            count++;
        }

        return count;
    }

    private async Task<AmqpConnection> ConnectAsync()
    {
        var settings = new AmqpSettings();
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        sasl.AddHandler(new SaslAnonymousHandler());
        settings.TransportProviders.Add(sasl);
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new AmqpVersion(1, 0, 0));
        settings.TransportProviders.Add(amqp);

        var tcp = new TcpTransportSettings { Host = _fixture.Emulator.Host, Port = _fixture.Emulator.Port };
        TransportBase transport = await new AmqpTransportInitiator(settings, tcp).ConnectTaskAsync(Bound);
        var connection = new AmqpConnection(transport, settings, new AmqpConnectionSettings { ContainerId = "link-credit-test", HostName = "localhost" });
        await connection.OpenAsync(Bound);
        return connection;
    }
}
