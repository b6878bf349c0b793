using System.Diagnostics;
using Confluent.Kafka;

namespace Streaming.Bench.EndToEnd;

/// <summary>
/// The ceiling: one thread consumes the input topic and produces every message unchanged to another topic,
/// with the worker's own client settings and no model. Nothing the worker does can be faster than this.
/// </summary>
public static class PassThrough
{
    /// <summary>Copies <paramref name="expected"/> messages; returns points/s from the first message read to the last delivered.</summary>
    public static double Run(ConsumerConfig consumerConfig, ProducerConfig producerConfig, string from, string to, long expected)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(consumerConfig).Build();
        using var producer = new ProducerBuilder<byte[], byte[]>(producerConfig).Build();
        consumer.Subscribe(from);
        long delivered = 0, read = 0;
        Stopwatch? clock = null;
        void OnDelivered(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                throw new InvalidOperationException($"pass-through delivery failed: {report.Error.Reason}");
            }

            Interlocked.Increment(ref delivered);
        }

        while (read < expected)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            clock ??= Stopwatch.StartNew();
            read++;
            TopicFiller.ProduceWithRetry(producer, to, new Message<byte[], byte[]> { Key = result.Message.Key, Value = result.Message.Value }, OnDelivered);
        }

        producer.Flush();
        var seconds = clock!.Elapsed.TotalSeconds;
        consumer.Close();
        return Interlocked.Read(ref delivered) == expected
            ? expected / seconds
            : throw new InvalidOperationException($"pass-through delivered {delivered} of {expected}");
    }
}
