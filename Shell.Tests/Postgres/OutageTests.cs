using System.Collections.Concurrent;
using System.Net;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Postgres;

/// The database stopped under load and started again (SPEC §15): every request is answered,
/// rows wait in each instance's spool, /healthz says degraded meanwhile, and afterwards every
/// row is in the database exactly once.
[Collection("postgres")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class OutageTests(PgCluster cluster)
{
    [Fact]
    public async Task Database_outage_under_load_answers_everything_and_loses_nothing()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(), sim.BaseUrl, 2);
        var clients = fleet.Gateways.Select(g => new HttpClient { BaseAddress = g.BaseAddress }).ToArray();
        var answered = new ConcurrentBag<long>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        string Why() => $"{answered.Count} answered; failures: {string.Join("; ", failures.Take(5))}; "
            + fleet.Gateways[0].Output[^Math.Min(2000, fleet.Gateways[0].Output.Length)..];
        var load = Enumerable.Range(0, 8).Select(i => Task.Run(() => GatewayFleet.LoadAsync(
            clients[i % 2], $"o{i}", answered, failures, stop.Token))).ToArray();
        string degraded, metrics;
        try
        {
            await GatewayFleet.WaitUntilAsync(() => answered.Count >= 300, Why);
            await cluster.StopAsync();
            var before = answered.Count;
            await GatewayFleet.WaitUntilAsync(() => answered.Count >= before + 500, Why);
            await Task.Delay(1100); // past the health probe's one-second memory
            degraded = await clients[0].GetStringAsync("/healthz");
            metrics = await clients[0].GetStringAsync("/metrics");
        }
        finally
        {
            await cluster.StartAsync();
        }
        var after = answered.Count;
        await GatewayFleet.WaitUntilAsync(() => answered.Count >= after + 300, Why);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var ids = answered.ToArray();
        await fleet.WaitForRowsAsync(ids, TimeSpan.FromSeconds(60));

        Assert.Empty(failures);
        Assert.StartsWith("""{"status":"degraded","reason":""", degraded, StringComparison.Ordinal);
        Assert.Matches(@"menshen_audit_spool_depth [1-9]", metrics);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fleet.SpoolPath(0)));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        var stored = await fleet.CountStoredAsync(ids);
        Assert.True(ids.Length == stored, $"{ids.Length} answered, {stored} stored\n"
            + string.Join("\n", fleet.Gateways.SelectMany(g => g.Output.Split('\n'))
                .Where(l => l.Contains("audit", StringComparison.OrdinalIgnoreCase)).Take(40)));
        Assert.Equal(ids.Length, await fleet.CountAllAsync());
        await WaitForHealthyAsync(clients[0]);
        foreach (var client in clients) client.Dispose();
    }

    [Fact]
    public async Task A_stop_while_the_database_is_away_says_how_many_rows_wait_in_the_spool()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(),
            sim.BaseUrl, 1);
        using var client = new HttpClient { BaseAddress = fleet.Gateways[0].BaseAddress };
        int exit;
        try
        {
            await cluster.StopAsync();
            for (var i = 0; i < 3; i++) await GatewayFleet.PostAsync(client, $"spooled {i}");
            fleet.Gateways[0].Signal("TERM");
            exit = await fleet.Gateways[0].WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await cluster.StartAsync();
        }

        Assert.True(exit == 0, fleet.Gateways[0].Output);
        Assert.Contains("3 audit records wait in the local spool for the database",
            fleet.Gateways[0].Output, StringComparison.Ordinal);
        // The outage is one warning line that says why, not Npgsql's stack trace.
        var lines = fleet.Gateways[0].Output.Split('\n');
        var outage = Assert.Single(lines, l => l.Contains("spooling audit rows",
            StringComparison.Ordinal));
        Assert.Contains("WARN", outage, StringComparison.Ordinal);
        Assert.Matches(@"unreachable \(.+\)", outage);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ",
            StringComparison.Ordinal));
    }

    // helper-42: each panel of the dashboard got "could not answer; see the gateway log", and
    // the log a 15-line stack trace per panel, for an outage /healthz had already named.
    [Fact]
    public async Task A_report_while_the_database_is_away_is_a_503_that_says_so_in_one_line()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(),
            sim.BaseUrl, 1);
        using var client = new HttpClient { BaseAddress = fleet.Gateways[0].BaseAddress };
        HttpResponseMessage report;
        try
        {
            await cluster.StopAsync();
            report = await client.GetAsync("/__report/summary");
            // A dashboard refresh asks more: the outage is said once, not once a report.
            for (var i = 0; i < 4; i++) (await client.GetAsync("/__report/models")).Dispose();
        }
        finally
        {
            await cluster.StartAsync();
        }
        var body = await report.Content.ReadAsStringAsync();
        fleet.Gateways[0].Signal("TERM");
        await fleet.Gateways[0].WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
        Assert.Contains("cannot be reached", body, StringComparison.Ordinal);
        var lines = fleet.Gateways[0].Output.Split('\n');
        var logged = Assert.Single(lines, l => l.Contains("not answered",
            StringComparison.Ordinal));
        Assert.Contains("report Summary", logged, StringComparison.Ordinal);
        Assert.Contains("WARN", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at Npgsql",
            StringComparison.Ordinal));
    }

    // helper-60: while the gateway's role could not log in, the first report was a 503 and every
    // later one a 500 with a stack trace in the log. A login refused is the database away; and
    // /healthz names the refusal (it read "replaying N spooled audit rows").
    [Fact]
    public async Task A_refused_login_is_a_503_for_every_report_and_named_by_healthz()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        await using var admin = await PgStore.CreateAsync(cluster);
        var (role, url) = await admin.GatewayRoleAsync();
        using var fleet = await GatewayFleet.StartAsync(url, sim.BaseUrl, 1);
        using var client = new HttpClient { BaseAddress = fleet.Gateways[0].BaseAddress };
        using var superuser = await GatewayFleet.StartAsync(admin.Config.Url, sim.BaseUrl, 0);
        var statuses = new List<HttpStatusCode>();
        string health;
        try
        {
            await superuser.ExecuteAsync($"ALTER ROLE {role} NOLOGIN");
            await superuser.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM " +
                $"pg_stat_activity WHERE usename = '{role}'");
            var (status, _, _) = await GatewayFleet.PostAsync(client, "while refused");
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var route in new[] { "summary", "providers", "logs?limit=1", "models" })
            {
                using var report = await client.GetAsync("/__report/" + route);
                statuses.Add(report.StatusCode);
            }
            // The row waits in the spool once the writer has tried it (its gather, retries).
            health = "";
            for (var i = 0; i < 50 && !health.Contains("degraded", StringComparison.Ordinal); i++)
            {
                await Task.Delay(200);
                health = await client.GetStringAsync("/healthz");
            }
        }
        finally
        {
            await superuser.ExecuteAsync($"ALTER ROLE {role} LOGIN");
        }
        fleet.Gateways[0].Signal("TERM");
        await fleet.Gateways[0].WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        Assert.Contains("degraded", health, StringComparison.Ordinal);
        Assert.Contains("not permitted to log in", health, StringComparison.Ordinal);
        Assert.DoesNotContain(fleet.Gateways[0].Output.Split('\n'),
            l => l.TrimStart().StartsWith("at Npgsql", StringComparison.Ordinal));
    }

    // helper-60: with `requests` dropped behind the gateway's back, a start was an unhandled
    // exception and its stack trace. It fails like any database it cannot open: one line.
    [Fact]
    public async Task A_start_on_a_database_without_its_requests_table_fails_in_one_line()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(),
            sim.BaseUrl, 1);
        fleet.Gateways[0].Signal("TERM");
        await fleet.Gateways[0].WaitForExitAsync(TimeSpan.FromSeconds(30));
        await fleet.ExecuteAsync("DROP TABLE requests CASCADE");

        var (exitCode, output) = await Process.GatewayProcess.RunToExitAsync(
            fleet.ConfigPath(0), TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("cannot open the audit database", output, StringComparison.Ordinal);
        Assert.Contains("42P01", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    // helper-60: a row the database refuses is logged lost, but /metrics had nothing to alert on.
    [Fact]
    public async Task A_row_the_database_refuses_is_counted_in_the_metrics()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(),
            sim.BaseUrl, 1);
        using var client = new HttpClient { BaseAddress = fleet.Gateways[0].BaseAddress };
        await fleet.ExecuteAsync("""
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.path LIKE '%poison%' THEN
                    RAISE EXCEPTION 'no poison';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_poison BEFORE INSERT ON requests
                FOR EACH ROW EXECUTE FUNCTION refuse_poison();
            """);
        using var before = await client.GetAsync("/metrics");
        var zero = await before.Content.ReadAsStringAsync();

        using var kept = await client.GetAsync("/v1/files?poison=1"); // the path alone is read
        using var poisoned = await client.GetAsync("/v1/poison");
        var metrics = "";
        for (var i = 0; i < 50 && !metrics.Contains("menshen_audit_rows_lost_total 1",
            StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            metrics = await client.GetStringAsync("/metrics");
        }

        Assert.Contains("menshen_audit_rows_lost_total 0", zero, StringComparison.Ordinal);
        Assert.Contains("menshen_audit_rows_lost_total 1", metrics, StringComparison.Ordinal);
    }

    private static async Task WaitForHealthyAsync(HttpClient client)
    {
        string body = "";
        for (var i = 0; i < 100; i++)
        {
            body = await client.GetStringAsync("/healthz");
            if (body.Contains("\"ok\"", StringComparison.Ordinal)) return;
            await Task.Delay(100);
        }
        Assert.Fail("still degraded after the database came back: " + body);
    }
}
