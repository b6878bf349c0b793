using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Streaming.Tools.Embedded;

/// <summary>
/// An in-process Kafka cluster (librdkafka's mock brokers) listening on 127.0.0.1, reachable by
/// any ordinary Kafka client through <see cref="BootstrapServers"/>.
/// </summary>
/// <remarks>
/// Known limits of the mock: no Admin CreateTopics/DeleteTopics/DescribeConsumerGroups (use
/// <see cref="CreateTopic"/>); <c>ListConsumerGroupsAsync</c> crashes the process; each partition
/// silently keeps only ~5 MiB or 100k batches; group rebalances wait about
/// <c>session.timeout.ms</c> − 1 s. All members are thread-safe. Dispose the cluster: there is no
/// finalizer, and a forgotten one keeps its broker threads and sockets until the process exits.
/// </remarks>
public sealed class MockCluster : IDisposable
{
    private const int ErrorBufferSize = 512;

    private readonly Lock _gate = new();
    private IntPtr _owner;
    private IntPtr _cluster;

    private MockCluster(IntPtr owner, IntPtr cluster, string bootstrapServers)
    {
        _owner = owner;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated <c>host:port</c> list of the mock brokers (127.0.0.1, ephemeral ports).</summary>
    public string BootstrapServers { get; }

    /// <summary>
    /// Starts a mock cluster with broker ids 1..<paramref name="brokerCount"/>. Its group initial rebalance delay
    /// is set to 0: the mock's default of 3 s, combined with a short session timeout, can keep a group from ever forming.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokerCount"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">librdkafka could not create the owner handle or the cluster.</exception>
    public static MockCluster Start(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        LibrdkafkaNative.EnsureResolver();

        IntPtr _owner = CreateOwner();
        IntPtr _cluster = LibrdkafkaNative.MockClusterNew(_owner, brokerCount);
        if (_cluster == IntPtr.Zero)
        {
            LibrdkafkaNative.Destroy(_owner);
            throw new InvalidOperationException($"librdkafka could not create a mock cluster of {brokerCount} broker(s).");
        }

        // The string belongs to the cluster, so copy it while the cluster is certainly alive.
        string bootstraps = Marshal.PtrToStringUTF8(LibrdkafkaNative.MockClusterBootstraps(_cluster)) ?? string.Empty;
        var mock = new MockCluster(_owner, _cluster, bootstraps);
        mock.SetGroupInitialRebalanceDelay(0);
        return mock;
    }

    /// <summary>Creates <paramref name="topic"/> up front (the mock does not support Admin CreateTopics).</summary>
    /// <exception cref="KafkaException">The mock refused the topic.</exception>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ErrorCode error;
        lock (_gate)
        {
            error = LibrdkafkaNative.MockTopicCreate(Handle(), topic, partitions, replicationFactor);
        }

        ThrowIfError(error, $"create topic '{topic}' with {partitions} partition(s), replication factor {replicationFactor}");
    }

    /// <summary>Disconnects broker <paramref name="brokerId"/> (−1: all) and refuses new connections; leaders do not move.</summary>
    public void SetBrokerDown(int brokerId) =>
        Call(c => LibrdkafkaNative.MockBrokerSetDown(c, brokerId), $"set broker {brokerId} down");

    /// <summary>Lets broker <paramref name="brokerId"/> (−1: all) accept connections again.</summary>
    public void SetBrokerUp(int brokerId) =>
        Call(c => LibrdkafkaNative.MockBrokerSetUp(c, brokerId), $"set broker {brokerId} up");

    /// <summary>Delays every response of broker <paramref name="brokerId"/> (−1: all) by <paramref name="rttMs"/>.</summary>
    public void SetBrokerRtt(int brokerId, int rttMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rttMs);
        Call(c => LibrdkafkaNative.MockBrokerSetRtt(c, brokerId, rttMs), $"set broker {brokerId} RTT to {rttMs} ms");
    }

    /// <summary>
    /// Makes the next requests with Kafka protocol <paramref name="apiKey"/> (e.g. 0 = Produce,
    /// 1 = Fetch, 8 = OffsetCommit) fail with <paramref name="errors"/>, one request per error,
    /// on whichever broker receives them.
    /// </summary>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            LibrdkafkaNative.MockPushRequestErrorsArray(Handle(), apiKey, (nuint)errors.Length, errors);
        }
    }

    /// <summary>
    /// Sets the brokers' <c>group.initial.rebalance.delay.ms</c>: how long a new group waits for
    /// more members before its first assignment. 0 assigns as soon as the first member joins.
    /// </summary>
    /// <remarks>
    /// The mock's default is 3000 ms, so a first join takes ~3 s; and with a consumer
    /// <c>session.timeout.ms</c> below that the member expires while waiting and the group never
    /// forms. Tests should set 0 (first join then takes ~50–100 ms).
    /// </remarks>
    public void SetGroupInitialRebalanceDelay(int ms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ms);
        lock (_gate)
        {
            LibrdkafkaNative.MockGroupInitialRebalanceDelayMs(Handle(), ms);
        }
    }

    /// <summary>
    /// Stops the brokers. Clients still connected see connection refused. Safe to call more than
    /// once and from several threads.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_owner == IntPtr.Zero)
            {
                return;
            }

            // Order matters: destroying the owning rd_kafka_t first aborts the process.
            LibrdkafkaNative.MockClusterDestroy(_cluster);
            LibrdkafkaNative.Destroy(_owner);
            _cluster = IntPtr.Zero;
            _owner = IntPtr.Zero;
        }
    }

    private static unsafe IntPtr CreateOwner()
    {
        byte* errstr = stackalloc byte[ErrorBufferSize];
        IntPtr conf = LibrdkafkaNative.ConfNew();

        // The owner never connects anywhere; silence its "no bootstrap.servers" notices.
        if (LibrdkafkaNative.ConfSet(conf, "log_level", "3", errstr, ErrorBufferSize) != LibrdkafkaNative.ConfOk)
        {
            LibrdkafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka rejected the mock owner's config: {LibrdkafkaNative.ReadErrorString(errstr)}");
        }

        IntPtr rk = LibrdkafkaNative.New(LibrdkafkaNative.ProducerType, conf, errstr, ErrorBufferSize);
        if (rk == IntPtr.Zero)
        {
            // rd_kafka_new takes the conf only when it succeeds.
            LibrdkafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka could not create the mock owner: {LibrdkafkaNative.ReadErrorString(errstr)}");
        }

        return rk;
    }

    private static void ThrowIfError(ErrorCode error, string action)
    {
        if (error != ErrorCode.NoError)
        {
            throw new KafkaException(new Error(error, $"Mock cluster could not {action}: {error}"));
        }
    }

    private void Call(Func<IntPtr, ErrorCode> call, string action)
    {
        ErrorCode error;
        lock (_gate)
        {
            error = call(Handle());
        }

        ThrowIfError(error, action);
    }

    /// <summary>Must be called under <see cref="_gate"/> so Dispose cannot free the cluster mid-call.</summary>
    private IntPtr Handle()
    {
        ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
        return _cluster;
    }
}
