using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Document;
using Menshen.Core.Http;

namespace Menshen.Core.Config.Validation;

/// `[server] allowed_hosts` (bare host names or IPs) and `cors_origins` (`scheme://host[:port]`).
internal static class AccessValidation
{
    public static Validation<Error, ImmutableArray<string>> AllowedHosts(
        ImmutableArray<string>? raw) =>
        Each("server.allowed_hosts", raw, Host);

    public static Validation<Error, ImmutableArray<string>> CorsOrigins(
        ImmutableArray<string>? raw) =>
        Each("server.cors_origins", raw, Origin);

    private static Validation<Error, ImmutableArray<string>> Each(
        string key,
        ImmutableArray<string>? raw,
        Func<string, string, Validation<Error, string>> one) =>
        (raw ?? []).Select((value, i) => one(KeyPath.Index(key, i), value))
            .ToSeq()
            .Sequence()
            .Map(values => values.ToImmutableArray());

    private static Validation<Error, string> Host(string key, string value)
    {
        var host = value.Trim().TrimEnd('.').ToLowerInvariant();
        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        var kind = Uri.CheckHostName(bracketed ? host[1..^1] : host);
        return kind is UriHostNameType.Dns or UriHostNameType.IPv4
            || (bracketed && kind == UriHostNameType.IPv6)
            ? Prelude.Success<Error, string>(host)
            : ConfigError.At(key, "expected a host name or IP address without scheme or port, "
                + $"such as gateway.lan, 192.168.1.5 or [::1]; got '{value}'");
    }

    private static Validation<Error, string> Origin(string key, string value) =>
        OriginCheck.Normalize(value) is { } origin
            ? Prelude.Success<Error, string>(origin)
            : ConfigError.At(key, "expected an origin scheme://host[:port] without a path, "
                + $"such as http://localhost:3000; got '{value}'");
}
