using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Menshen.Shell.Tests.Support;

/// An upstream on loopback that answers every request with the same bytes and headers: for
/// answers the simulator does not give (a compressed body nobody asked for, a very large body).
public sealed class FixedUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FixedUpstream(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// The headers of the last request it answered (names lower case).
    public IReadOnlyDictionary<string, string> LastRequestHeaders { get; private set; } =
        new Dictionary<string, string>();

    public static async Task<FixedUpstream> StartAsync(
        byte[] body, string contentType, string? contentEncoding = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        FixedUpstream? self = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            self!.LastRequestHeaders = context.Request.Headers.ToDictionary(
                h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                context.Response.Headers[name] = value;
            context.Response.ContentType = contentType;
            if (contentEncoding is not null)
                context.Response.Headers.ContentEncoding = contentEncoding;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FixedUpstream(app, new Uri(address.TrimEnd('/') + "/v1"));
        return self;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
