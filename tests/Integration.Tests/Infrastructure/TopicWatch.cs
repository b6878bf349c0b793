using Confluent.Kafka;
using Streaming.Worker.Options;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>
/// Reads a topic from the beginning on its own thread for as long as a test runs, noting when each message arrived,
/// so that a test can wait for a condition (every point predicted) and measure when it became true (recovery time).
/// </summary>
public sealed class TopicWatch : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly List<Arrived> _arrived = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private Exception? _failure;

    /// <summary>Starts reading <paramref name="topic"/> (committed data only, see <see cref="TopicReader.OpenFromBeginning"/>).</summary>
    public TopicWatch(string bootstrapServers, string topic)
    {
        _consumer = TopicReader.OpenFromBeginning(bootstrapServers, topic);
        _thread = new Thread(Run) { IsBackground = true, Name = "topic-watch" };
        _thread.Start();
    }

    /// <summary>Messages read so far.</summary>
    public int Count
    {
        get
        {
            lock (_arrived)
            {
                return _arrived.Count;
            }
        }
    }

    /// <summary>Everything read so far, in read order.</summary>
    public IReadOnlyList<Arrived> Snapshot()
    {
        lock (_arrived)
        {
            return [.. _arrived];
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was read (checked every 100 ms); false on timeout.</summary>
    public async Task<bool> WaitUntilAsync(Func<IReadOnlyList<Arrived>, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(done);
        return await Poll.UntilAsync(() => _failure is null
            ? done(Snapshot())
            : throw new InvalidOperationException("The topic watch stopped reading", _failure), timeout, PollInterval) is not null;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages were read; false on timeout.</summary>
    public Task<bool> WaitForCountAsync(int count, TimeSpan timeout) => WaitUntilAsync(a => a.Count >= count, timeout);

    /// <summary>
    /// Waits until every valid point of <paramref name="sent"/> has a prediction (or <paramref name="timeout"/>), then,
    /// when <paramref name="guarantee"/> is exactly-once, for <paramref name="quiet"/> more (default 2 s) so that a late
    /// duplicate is counted too; returns the audit of everything read. The caller asserts on it.
    /// </summary>
    public async Task<DeliveryAudit> AuditAsync(IReadOnlyList<SentMessage> sent, DeliveryGuarantee guarantee, TimeSpan timeout, TimeSpan? quiet = null)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var wanted = sent.Where(m => m.Valid).Select(m => (m.Partition, m.Offset)).ToHashSet();
        var covered = new HashSet<(int, long)>();
        var seen = 0;
        await WaitUntilAsync(arrived =>
        {
            // Only what arrived since the last check: the check runs every 100 ms over a growing list.
            foreach (var a in arrived.Skip(seen))
            {
                if (a.Message.Source is { } source && wanted.Contains(source))
                {
                    covered.Add(source);
                }
            }

            seen = arrived.Count;
            return covered.Count == wanted.Count;
        }, timeout);
        if (guarantee == DeliveryGuarantee.ExactlyOnce)
        {
            await Task.Delay(quiet ?? TimeSpan.FromSeconds(2));
        }

        return DeliveryAudit.Of(sent, Snapshot());
    }

    private void Run()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]?>? result;
                try
                {
                    result = _consumer.Consume(PollInterval);
                }
                catch (ConsumeException)
                {
                    // Broker faults injected by the test reach this reader too; the client recovers by itself.
                    continue;
                }

                if (result?.Message is null)
                {
                    continue;
                }

                var arrived = new Arrived(ReadMessage.From(result), DateTimeOffset.UtcNow);
                lock (_arrived)
                {
                    _arrived.Add(arrived);
                }
            }
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(10));
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
