using System.Reflection;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Ingest.Kafka;

namespace Streaming.Ingest.Tests.Kafka;

public class PendingOffsetStoresTests
{
    [Fact]
    public void A_drain_stores_each_partitions_highest_released_offset_once()
    {
        var stores = new PendingOffsetStores(NullLogger.Instance);
        var consumer = StoreRecorder.Create();
        stores.Release("in", 0, 5);
        stores.Release("in", 1, 3);
        stores.Release("in", 0, 9);
        stores.Release("in", 0, 7);

        stores.Drain(consumer);

        Assert.Equal(["in/0@9", "in/1@3"], Recorded(consumer).Order());
    }

    [Fact]
    public void An_offset_at_or_below_the_stored_one_is_not_stored_again()
    {
        var stores = new PendingOffsetStores(NullLogger.Instance);
        var consumer = StoreRecorder.Create();
        stores.Release("in", 0, 9);
        stores.Drain(consumer);
        stores.Release("in", 0, 9);
        stores.Release("in", 0, 4);
        stores.Drain(consumer);
        stores.Release("in", 0, 12);
        stores.Drain(consumer);

        Assert.Equal(["in/0@9", "in/0@12"], Recorded(consumer));
    }

    [Fact]
    public void A_forgotten_partition_stores_a_lower_offset_again()
    {
        var stores = new PendingOffsetStores(NullLogger.Instance);
        var consumer = StoreRecorder.Create();
        stores.Release("in", 0, 9);
        stores.Drain(consumer);
        stores.Forget(new TopicPartition("in", new Partition(0)));
        stores.Release("in", 0, 4);
        stores.Drain(consumer);

        Assert.Equal(["in/0@9", "in/0@4"], Recorded(consumer));
    }

    private static List<string> Recorded(IConsumer<byte[]?, byte[]?> consumer) => ((StoreRecorder)(object)consumer).Stored;

    /// <summary>A consumer that only records <c>StoreOffset</c> calls; any other call fails the test.</summary>
    public class StoreRecorder : DispatchProxy
    {
        public List<string> Stored { get; } = [];

        public static IConsumer<byte[]?, byte[]?> Create() => Create<IConsumer<byte[]?, byte[]?>, StoreRecorder>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name == nameof(IConsumer<byte[], byte[]>.StoreOffset) && args?[0] is TopicPartitionOffset tpo)
            {
                Stored.Add($"{tpo.Topic}/{tpo.Partition.Value}@{tpo.Offset.Value}");
                return null;
            }

            throw new InvalidOperationException($"unexpected call {targetMethod?.Name}");
        }
    }
}
