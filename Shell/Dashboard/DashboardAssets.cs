using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;

namespace Menshen.Shell.Dashboard;

/// The embedded dashboard files, loaded once with their gzip form and ETag, served from memory.
/// Loaded on the first dashboard request, not at start-up: compressing them and hashing them (which
/// loads OpenSSL) cost start-up time and resident memory that a gateway never asked for its
/// dashboard does not need.
public sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src " +
            "'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private readonly Lazy<FrozenDictionary<string, Asset>> _assets = new(LoadAll);

    public bool IsEmpty => _assets.Value.Count == 0;

    /// Serves `/` and `/index.html` as the page, `/assets/*` as immutable files; false when
    /// unknown.
    public async Task<bool> TryServeAsync(HttpContext context, string path)
    {
        var key = path is "/" ? "/index.html" : path;
        if (!_assets.Value.TryGetValue(key, out var asset)) return false;
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = key.StartsWith("/assets/", StringComparison.Ordinal)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        if (key == "/index.html")
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
        }
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }
        var gzip = AcceptsGzip(context.Request.Headers.AcceptEncoding);
        var body = gzip ? asset.Gzip : asset.Raw;
        if (gzip) headers.ContentEncoding = "gzip";
        headers.Vary = "Accept-Encoding";
        response.ContentType = asset.ContentType;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(body,
            context.RequestAborted);
        return true;
    }

    private static bool AcceptsGzip(StringValues acceptEncoding) =>
        acceptEncoding.Any(v => v?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);

    private static FrozenDictionary<string, Asset> LoadAll()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => "/" + n[Prefix.Length..], n => Load(assembly, n),
                StringComparer.Ordinal);
    }

    private static Asset Load(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var raw = copy.ToArray();
        using var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionLevel.SmallestSize)) gzip.Write(raw);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(raw).AsSpan(0, 12)) + "\"";
        return new Asset(raw, zipped.ToArray(), ContentTypeOf(name), etag);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Raw, byte[] Gzip, string ContentType, string ETag);
}
