using System.Collections.Immutable;

namespace Menshen.Core.Config;

/// What <see cref="PostgresUrl.Parse"/> found: Npgsql connection-string settings (empty for a
/// connection string, which is used as written), or the problem (`Error`, never the value).
public sealed record PostgresSettings(
    ImmutableArray<KeyValuePair<string, string>> Settings, string? Error)
{
    public static PostgresSettings Invalid(string error) => new([], error);

    public bool Equals(PostgresSettings? other) =>
        other is not null && Error == other.Error && Settings.SequenceEqual(other.Settings);

    public override int GetHashCode() => HashCode.Combine(Error, Settings.Length);
}
