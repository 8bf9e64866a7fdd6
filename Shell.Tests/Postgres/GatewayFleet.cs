using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Menshen.Shell.Storage.Postgres;
using Menshen.Shell.Tests.Process;
using Npgsql;

namespace Menshen.Shell.Tests.Postgres;

/// Gateway processes (the real entry point, each its own process) sharing one PostgreSQL
/// database, each with its own port and spool, in front of the same upstreams (providers p0, p1,
/// .. at equal weight).
public sealed class GatewayFleet : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("menshen-fleet-").FullName;

    private GatewayFleet(string url) => Url = url;

    public string Url { get; }

    public List<GatewayProcess> Gateways { get; } = [];

    public static Task<GatewayFleet> StartAsync(string url, Uri upstream, int count, bool cache = true,
        int retentionDays = 90) =>
        StartAsync(url, [upstream], count, cache, retentionDays);

    public static async Task<GatewayFleet> StartAsync(string url, IReadOnlyList<Uri> upstreams, int count,
        bool cache = true, int retentionDays = 90)
    {
        var fleet = new GatewayFleet(url);
        // Started together: the migration and the instance numbers must hold when they race.
        var starts = Enumerable.Range(0, count)
            .Select(i => fleet.StartOneAsync(i, upstreams, cache, retentionDays)).ToArray();
        try
        {
            fleet.Gateways.AddRange(await Task.WhenAll(starts));
        }
        catch
        {
            // One did not start: stop the ones that did, or they outlive the test.
            fleet.Gateways.AddRange(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
            fleet.Dispose();
            throw;
        }
        return fleet;
    }

    public string SpoolPath(int i) => Path.Combine(_folder, $"spool-{i}.db");

    public string ConfigPath(int i) => Path.Combine(_folder, $"config-{i}.toml");

    /// POSTs a distinct chat request; returns the status and the X-Request-Id (0 when none).
    public static async Task<(HttpStatusCode Status, long Id, string? Cache)> PostAsync(HttpClient client, string content)
    {
        var body = $$"""{"model":"m","messages":[{"role":"user","content":"{{content}}"}]}""";
        using var response = await client.PostAsync("/v1/chat/completions",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.Content.ReadAsByteArrayAsync();
        var id = response.Headers.TryGetValues("X-Request-Id", out var ids)
            ? long.Parse(ids.Single(), CultureInfo.InvariantCulture) : 0;
        var cache = response.Headers.TryGetValues("X-Cache", out var c) ? c.Single() : null;
        return (response.StatusCode, id, cache);
    }

    /// Rows of `requests` whose ids are given, counted in the database.
    public async Task<long> CountStoredAsync(IEnumerable<long> ids)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM requests WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// Runs one statement on the shared database (a test reaching behind the gateways).
    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(PgDatabase.ConnectionString(
            new Core.Config.PostgresConfig(Url, 2, "unused")));
        await connection.OpenAsync();
        return connection;
    }

    public async Task<long> CountAllAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM requests", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// Waits until `count` rows are stored (the writers commit in the background).
    public async Task WaitForRowsAsync(IReadOnlyCollection<long> ids, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (await CountStoredAsync(ids) < ids.Count && DateTime.UtcNow < until) await Task.Delay(100);
    }

    /// Keeps posting distinct requests to `client` until `stop`, recording each answer.
    public static async Task LoadAsync(HttpClient client, string tag, ConcurrentBag<long> answered,
        ConcurrentBag<string> failures, CancellationToken stop, bool stopOnRefused = false)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                var (status, id, _) = await PostAsync(client, $"{tag}-{i}");
                if (status == HttpStatusCode.OK) answered.Add(id);
                else failures.Add($"{tag}-{i}: {(int)status}");
            }
            catch (HttpRequestException e)
            {
                if (stopOnRefused) return; // the instance stopped accepting
                failures.Add($"{tag}-{i}: {e.Message}");
            }
        }
    }

    /// Waits until `done` holds; fails the test with `why` after `seconds`.
    public static async Task WaitUntilAsync(Func<bool> done, Func<string> why, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!done())
        {
            if (DateTime.UtcNow > until) Assert.Fail("timed out: " + why());
            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
        foreach (var gateway in Gateways) gateway.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a process may still hold its spool for a moment
        }
    }

    private async Task<GatewayProcess> StartOneAsync(int i, IReadOnlyList<Uri> upstreams, bool cache,
        int retentionDays)
    {
        var port = GatewayProcess.FreePort();
        var config = ConfigPath(i);
        var providers = string.Concat(upstreams.Select((upstream, n) => $"""
            [[providers]]
            name = "p{n}"
            base_url = "{upstream}"
            api_key = "sk-fleet-test"

            """));
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{port}"
            {providers}
            [storage]
            backend = "postgres"
            retention_days = {retentionDays}
            [storage.postgres]
            url = "{Url}"
            pool_size = 8
            spool_path = "{SpoolPath(i)}"
            [cache]
            enable = {(cache ? "true" : "false")}
            """);
        return await GatewayProcess.StartAsync(config, port);
    }
}
