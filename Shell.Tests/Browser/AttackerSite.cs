using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Menshen.Shell.Tests.Browser;

/// A web page on another loopback origin (its own port) that tries to use the gateway the way a
/// site the user visits would: read the audit, and spend the keys with a `text/plain` POST.
public sealed class AttackerSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AttackerSite(WebApplication app) => _app = app;

    public Uri Url => new(_app.Services.GetRequiredService<IServer>()
        .Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public static async Task<AttackerSite> StartAsync(Uri gateway)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var page = Encoding.UTF8.GetBytes(Page(gateway.AbsoluteUri.TrimEnd('/')));
        app.Run(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(page);
        });
        await app.StartAsync();
        return new AttackerSite(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // `results` says what the page could do: `read:` or `status:` means the attack worked.
    private static string Page(string gateway) => $$"""
        <!doctype html><title>cute cats</title><script>
        window.results = {};
        const gw = "{{gateway}}";
        const chat = JSON.stringify({model: "m", messages: [{role: "user", content: "spend"}]});
        window.done = Promise.all([
          fetch(gw + "/__report/summary").then(r => r.text())
            .then(t => results.report = "read:" + t, e => results.report = "blocked"),
          fetch(gw + "/v1/chat/completions",
                {method: "POST", headers: {"Content-Type": "text/plain"}, body: chat})
            .then(r => results.chat = "status:" + r.status, e => results.chat = "blocked"),
          fetch(gw + "/v1/chat/completions",
                {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"},
                 body: chat})
            .then(r => results.blind = "sent", e => results.blind = "blocked"),
        ]);
        </script>
        """;
}
