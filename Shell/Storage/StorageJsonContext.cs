using System.Text.Json.Serialization;

namespace Menshen.Shell.Storage;

/// Source-generated JSON for what the audit store keeps as JSON text (no reflection, AOT-safe).
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AttemptJson[]))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
