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

    /// True when this request is the model list (or one model of it, `models/{id}`) the gateway
    /// answers itself: GET (or HEAD) of `models` (`/v1/models` or `/models`) while
    /// <see cref="IsLocal"/>, in OpenAI's shape. An Anthropic client's call (`requestApi`) goes
    /// to an `anthropic` provider when one is enabled: the answer in its own shape.
    public static bool Answers(
        GatewayConfig config, string method, string upstreamPath, ProviderApi requestApi)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (method is not ("GET" or "HEAD") || !IsLocal(config)) return false;
        // `/models/` too: one resource, one answer (helper-59: it went to a provider).
        if (upstreamPath.TrimEnd('/') != "/models" && ModelInPath(upstreamPath) is null)
            return false;
        return requestApi == ProviderApi.OpenAi
            || !config.Providers.Any(p => p.Enabled && p.Api == requestApi);
    }

    /// The model a `models/{id}` path names: all after `models/`, slashes included (ids such as
    /// `meta-llama/llama-3` have them); null for any other path. `upstreamPath` has no `/v1`.
    public static string? ModelInPath(string upstreamPath)
    {
        ArgumentNullException.ThrowIfNull(upstreamPath);
        const string Prefix = "/models/";
        if (!upstreamPath.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var id = upstreamPath[Prefix.Length..].TrimEnd('/');
        return id.Length == 0 ? null : id;
    }

    /// One model as the gateway answers GET /v1/models/{id}: its entry in <see cref="Entries"/>;
    /// else, when an alias or a provider's `models` glob takes it, an entry owned by `alias` or
    /// by the first enabled provider that serves it; null when the gateway would refuse it (404),
    /// so the answer agrees with where a request for the model would go.
    public static CatalogEntry? Find(GatewayConfig config, string id)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(id);
        foreach (var entry in Entries(config))
        {
            if (entry.Id == id) return entry;
        }
        var resolved = AliasResolution.Resolve(config.Routing.Aliases, id);
        var server = config.Providers.FirstOrDefault(
            p => p.Enabled && ModelGlob.Serves(p.Models, resolved));
        if (server is null) return null;
        return new CatalogEntry(id, resolved == id ? server.Name : AliasOwner);
    }

    /// OpenAI's model object: `{"id", "object":"model", "created":0, "owned_by"}`.
    public static byte[] EntryJson(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(96 + entry.Id.Length + entry.OwnedBy.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteEntry(writer, entry);
        }
        return buffer.WrittenSpan.ToArray();
    }

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
                WriteEntry(writer, entry);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEntry(Utf8JsonWriter writer, CatalogEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("id", entry.Id);
        writer.WriteString("object", "model");
        writer.WriteNumber("created", 0);
        writer.WriteString("owned_by", entry.OwnedBy);
        writer.WriteEndObject();
    }
}
