using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Simulator;

/// <summary>A fresh simulator on 127.0.0.1:0 and a plain HttpClient for each test.</summary>
public abstract class SimulatorTestBase : IAsyncLifetime
{
    protected SimulatorServer Sim { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sim = await SimulatorServer.StartAsync(new SimulatorOptions { Chunks = 5 });
        Client = new HttpClient { BaseAddress = new Uri(Sim.BaseUrl + "/") };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Sim.DisposeAsync();
    }

    protected static HttpRequestMessage Post(string path, string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        return request;
    }

    protected async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    protected static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
