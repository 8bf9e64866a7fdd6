using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

/// One model the gateway lists at GET /v1/models, and who offers it.
public sealed record CatalogEntry(string Id, string OwnedBy);

/// The gateway's own answer to GET /v1/models (SPEC §13).
public static class ModelCatalog
{
    /// `owned_by` of an alias name.
    public const string AliasOwner = "alias";

    /// True when the gateway answers GET /v1/models itself: a provider lists `models` or there is
    /// an alias. Otherwise the request is passed through as before.
    public static bool IsLocal(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return !config.Routing.Aliases.IsEmpty || config.Providers.Any(p => !p.Models.IsEmpty);
    }

    /// True when this request is the model list the gateway answers itself: GET (or HEAD) of
    /// `models` (`/v1/models` or `/models`) while <see cref="IsLocal"/>.
    public static bool Answers(GatewayConfig config, string method, string upstreamPath) =>
        upstreamPath == "/models" && method is "GET" or "HEAD" && IsLocal(config);

    /// Every exact (non-glob) model of the enabled providers, then every exact alias name, each
    /// once, owned by the first provider in config order that lists it (or `alias`).
    public static ImmutableArray<CatalogEntry> Entries(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = ImmutableArray.CreateBuilder<CatalogEntry>();
        var listed = config.Providers
            .Where(p => p.Enabled)
            .SelectMany(p => p.Models.Select(m => new CatalogEntry(m, p.Name)))
            .Concat(config.Routing.Aliases.Select(a => new CatalogEntry(a.Name, AliasOwner)));
        foreach (var entry in listed)
        {
            if (!ModelGlob.IsPattern(entry.Id) && seen.Add(entry.Id))
            {
                entries.Add(entry);
            }
        }

        return entries.ToImmutable();
    }

    /// OpenAI's list shape: `{"object":"list","data":[{"id", "object":"model", "created":0,
    /// "owned_by"}]}`.
    /// `created` is 0: the gateway does not know when a provider published a model.
    public static byte[] Json(ImmutableArray<CatalogEntry> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (entries.Length * 80));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var entry in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("id", entry.Id);
                writer.WriteString("object", "model");
                writer.WriteNumber("created", 0);
                writer.WriteString("owned_by", entry.OwnedBy);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
