using System.Collections.Immutable;
using System.Globalization;
using Menshen.Core.Config;
using Menshen.ReportBench;
using Menshen.Shell.Hosting;
using Menshen.Shell.Reports;
using Menshen.Shell.Storage;
using Microsoft.Extensions.Logging.Abstractions;

// report-bench [rows] [runs] [only]: seeds a temp database, times every report call, exits 1 if any
// run of any call took longer than the budget (SPEC §8 / issue 6: 200 ms with 1,000,000 rows).
const double BudgetMs = 200;
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
var only = args.Length > 2 ? args[2] : "";
// MENSHEN_BENCH_DB=path times an existing database (one a previous MENSHEN_BENCH_KEEP=1 run kept).
var existing = Environment.GetEnvironmentVariable("MENSHEN_BENCH_DB");
var folder = existing is { Length: > 0 } ? Path.GetDirectoryName(Path.GetFullPath(existing))!
    : Path.Combine(Path.GetTempPath(), "menshen-report-bench-" + Environment.ProcessId);
var now = DateTimeOffset.UtcNow;
try
{
    using var database = AuditDatabase.Open(existing is { Length: > 0 } ? existing : Path.Combine(folder, "audit.db"), NullLogger.Instance);
    if (existing is { Length: > 0 }) now = LatestInstant(database);
    else using (var connection = database.OpenConnection())
    {
        var seconds = Seeder.Seed(connection, rows, now, seed: 42);
        Console.WriteLine($"seeded {rows:N0} rows in {seconds:F1} s ({rows / seconds:N0} rows/s, every index included)");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        database.RebuildReportSums();
        Console.WriteLine($"report sums rebuilt from the rows in {clock.Elapsed.TotalSeconds:F1} s (what migration 3 does to an existing file)");
        // As a running gateway's WAL would be: checkpointed after the writer's commits.
        Seeder.Pragma(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
    }
    Console.WriteLine($"database: {new FileInfo(database.Path).Length / 1048576.0:F0} MiB + WAL {WalMiB(database.Path):F0} MiB");
    var api = new ReportApi(database, new FixedClock(now), NullLogger<ReportApi>.Instance);
    await using var host = await GatewayHost.StartAsync(Config(), new GatewayHostOptions { Reports = api, Quiet = true });
    using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    var slow = 0;
    Console.WriteLine($"\n| call (/__report/…) | median ms | max ms | bytes |\n|---|---:|---:|---:|");
    foreach (var template in Calls.Paths.Where(p => p.Contains(only, StringComparison.Ordinal)))
    {
        var path = template.Replace("{deep}", ((now.AddDays(-60).ToUnixTimeMilliseconds()) * 1000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{id}", MiddleId(database), StringComparison.Ordinal);
        var (median, max, bytes) = await Timing.MeasureAsync(client, path, runs);
        if (max > BudgetMs) slow++;
        Console.WriteLine($"| {template} | {median:F1} | {max:F1}{(max > BudgetMs ? " SLOW" : "")} | {bytes:N0} |");
    }
    Console.WriteLine(slow == 0 ? $"\nall calls under {BudgetMs} ms ({runs} runs each)" : $"\n{slow} call(s) over {BudgetMs} ms");
    return slow == 0 ? 0 : 1;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (existing is { Length: > 0 } || Environment.GetEnvironmentVariable("MENSHEN_BENCH_KEEP") is { Length: > 0 }) Console.WriteLine($"kept {folder}");
    else if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
}

static GatewayConfig Config() => new(
    Listen: new ListenAddress("127.0.0.1", 0),
    Verbose: false,
    Auth: AuthConfig.Disabled,
    Providers: [new ProviderConfig("unused", new Uri("http://127.0.0.1:9"), "", [], null, 1, null)],
    Upstream: new UpstreamConfig(TimeSpan.FromSeconds(30), 8),
    Failover: new FailoverConfig(true, [429, 502], 3, TimeSpan.FromSeconds(30)),
    Storage: new StorageConfig(90, "unused.db"),
    Cache: new CacheConfig(false, 5_242_880, TimeSpan.Zero),
    Logging: new LoggingConfig(true, true, 8_388_608),
    Server: new ServerConfig(32 * 1024 * 1024, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)),
    Pricing: ImmutableDictionary<string, ModelPrice>.Empty);

static double WalMiB(string path) => File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length / 1048576.0 : 0;

// The seeded rows end at the seeding run's clock: a later run reads the same windows from there.
static DateTimeOffset LatestInstant(AuditDatabase database)
{
    using var connection = database.OpenConnection();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT max(created_at) FROM requests";
    return DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
}

static string MiddleId(AuditDatabase database)
{
    using var connection = database.OpenConnection();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT id FROM requests ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM requests)";
    return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
}
