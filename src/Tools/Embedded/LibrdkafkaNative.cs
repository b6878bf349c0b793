using System.Diagnostics;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Streaming.Tools.Embedded;

/// <summary>
/// P/Invoke declarations for the parts of librdkafka (rdkafka.h, rdkafka_mock.h) that
/// Confluent.Kafka does not wrap: a bare client handle and the mock cluster API.
/// </summary>
/// <remarks>
/// The mock API is experimental and outside librdkafka's ABI guarantee; these signatures match
/// librdkafka 2.16.0, the version Confluent.Kafka 2.16.0 ships.
/// </remarks>
internal static partial class LibrdkafkaNative
{
    private const string Library = "librdkafka";

    /// <summary><c>RD_KAFKA_PRODUCER</c>: the owner handle only needs to exist, not to produce.</summary>
    internal const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c>.</summary>
    internal const int ConfOk = 0;

    private static readonly Lock ResolverLock = new();
    private static bool _resolverInstalled;

    /// <summary>
    /// Routes this assembly's "librdkafka" imports to the exact library Confluent.Kafka loaded.
    /// Must run before the first call into this class.
    /// </summary>
    /// <remarks>
    /// The plain name resolves to the package's generic librdkafka.so, which needs libsasl2.so.3
    /// and fails on Debian 12; Confluent.Kafka silently falls back to another build
    /// (centos8-librdkafka.so). Sharing its module also guarantees the mock cluster and the
    /// clients run inside one copy of librdkafka.
    /// </remarks>
    internal static void EnsureResolver()
    {
        lock (ResolverLock)
        {
            if (_resolverInstalled)
            {
                return;
            }

            // Reading the version forces Confluent.Kafka to pick and load its native library.
            _ = Confluent.Kafka.Library.Version;
            string path = FindLoadedLibrdkafka();
            IntPtr handle = NativeLibrary.Load(path);
            NativeLibrary.SetDllImportResolver(
                typeof(LibrdkafkaNative).Assembly,
                (name, _, _) => name == Library ? handle : IntPtr.Zero);
            _resolverInstalled = true;
        }
    }

    private static string FindLoadedLibrdkafka()
    {
        using var process = Process.GetCurrentProcess();
        foreach (ProcessModule module in process.Modules)
        {
            string? file = module.FileName;
            if (file is not null && Path.GetFileName(file).Contains("librdkafka", StringComparison.Ordinal))
            {
                return file;
            }
        }

        throw new DllNotFoundException(
            "Confluent.Kafka reported a librdkafka version but no librdkafka module is loaded in this process.");
    }

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    internal static partial IntPtr ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(IntPtr conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int ConfSet(IntPtr conf, string name, string value, byte* errstr, nuint errstrSize);

    /// <summary>Takes ownership of <paramref name="conf"/> only when it succeeds.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    internal static unsafe partial IntPtr New(int type, IntPtr conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(IntPtr rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial IntPtr MockClusterNew(IntPtr rk, int brokerCount);

    /// <summary>Returns a string owned by the cluster: copy it, never free it.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial IntPtr MockClusterBootstraps(IntPtr mcluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void MockClusterDestroy(IntPtr mcluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ErrorCode MockTopicCreate(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    internal static partial ErrorCode MockBrokerSetDown(IntPtr mcluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    internal static partial ErrorCode MockBrokerSetUp(IntPtr mcluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_rtt")]
    internal static partial ErrorCode MockBrokerSetRtt(IntPtr mcluster, int brokerId, int rttMs);

    /// <summary>The array form: the variadic rd_kafka_mock_push_request_errors cannot be called safely from C#.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    internal static partial void MockPushRequestErrorsArray(IntPtr mcluster, short apiKey, nuint count, [In] ErrorCode[] errors);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    internal static partial void MockGroupInitialRebalanceDelayMs(IntPtr mcluster, int delayMs);

    /// <summary>Reads a NUL-terminated error string written by librdkafka into a caller buffer.</summary>
    internal static unsafe string ReadErrorString(byte* buffer) =>
        Marshal.PtrToStringUTF8((IntPtr)buffer) ?? string.Empty;
}
