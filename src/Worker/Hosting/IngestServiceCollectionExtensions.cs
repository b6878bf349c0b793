using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Decoding;
using Streaming.Ingest.Offsets;
using Streaming.Ingest.Options;

namespace Streaming.Worker.Hosting;

/// <summary>Registers the ingest side: options, decoder and offset tracking.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>Binds <c>Ingest:</c> and registers what decodes and tracks input messages.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            return new PointDecoder(options.MaxPayloadBytes, options.MaxSeriesIdLength);
        });
        services.AddSingleton<OffsetTracker>();
        return services;
    }
}
