using System.Data.Common;
using System.Globalization;
using Menshen.Core.Errors;
using Menshen.Core.Reports;
using Menshen.Shell.Http;
using Menshen.Shell.Reports.Json;
using Menshen.Shell.Storage;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Reports;

/// The `/__report/*` JSON API over the audit database (SPEC §8, docs/report-api.md). Core
/// validates the query (every bad parameter named, 400); each report then reads one snapshot
/// (a read transaction) of the database; unknown routes and ids are 404.
public sealed partial class ReportApi(IReportStore store, TimeProvider clock,
    ILogger<ReportApi> logger) : IReportApi
{
    private const string Prefix = "/__report/";

    // 1 once an outage has been logged, 0 again after a report is answered: a dashboard asks
    // five reports a refresh, and one line says the database is away as well as fifty.
    private int _awayLogged;

    /// Over the SQLite file.
    public ReportApi(AuditDatabase database, TimeProvider clock, ILogger<ReportApi> logger)
        : this(new SqliteReportStore(database), clock, logger)
    {
    }

    public async Task<bool> TryHandleAsync(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(path);
        var name = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : path;
        if (ReportRoutes.Parse(name) is not { } route)
        {
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.NotFound, UnknownRoute(name));
            return true;
        }
        var query = QueryOf(context.Request.Query);
        await ReportQueryParser.Parse(route, query, clock.GetUtcNow(), Zone(query),
            context.Request.QueryString.Value ?? "").Match(
            Succ: q => AnswerSafelyAsync(context, q),
            Fail: errors => GatewayErrors.WriteAsync(context, ReportErrors.BadParameters(errors)));
        return true;
    }

    private async Task AnswerSafelyAsync(HttpContext context, ReportQuery query)
    {
        try
        {
            await AnswerAsync(context, query);
            if (Volatile.Read(ref _awayLogged) == 1) Volatile.Write(ref _awayLogged, 0);
        }
        // Npgsql marks a command timeout transient too: a slow query is not an outage. A login
        // refused is (helper-60: a 500 and a stack per call while the role could not log in).
        catch (DbException ex) when (ex.IsTransient && ex.InnerException is not TimeoutException
            || Core.Audit.PostgresRefusal.RefusesTheLogin(ex.SqlState))
        {
            // The database away (an outage /healthz names too): one line an outage, no trace.
            if (Interlocked.Exchange(ref _awayLogged, 1) == 0)
                LogAway(logger, query.Route, ex.Message);
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.StorageUnavailable,
                "The audit database cannot be reached right now; the reports come back with it. "
                + "Requests are still served and recorded (/healthz says more).");
        }
        catch (DbException ex)
        {
            LogFailed(logger, ex, query.Route);
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.Internal,
                "The audit database could not answer; see the gateway log.");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client left
        }
    }

    private Task AnswerAsync(HttpContext context, ReportQuery query) => query.Route switch
    {
        ReportRoute.Summary =>
            ReportResponse.JsonAsync(context, Read(tx => SummaryReport.Read(tx, query)),
            ReportJsonContext.Readable.SummaryJson),
        ReportRoute.Daily =>
        ReportResponse.JsonAsync(context, Read(tx => SeriesReport.Daily(tx, query)),
        ReportJsonContext.Readable.DailyJsonArray),
        ReportRoute.Series =>
        ReportResponse.JsonAsync(context, Read(tx => SeriesReport.Series(tx, query)),
        ReportJsonContext.Readable.SeriesJsonArray),
        ReportRoute.Models =>
        ReportResponse.JsonAsync(context, Read(tx => BreakdownReport.Models(tx, query)),
        ReportJsonContext.Readable.ModelJsonArray),
        ReportRoute.Providers =>
        ReportResponse.JsonAsync(context, Read(tx => BreakdownReport.Providers(tx, query)),
        ReportJsonContext.Readable.ProviderJsonArray),
        ReportRoute.Keys =>
        ReportResponse.JsonAsync(context, Read(tx => BreakdownReport.Keys(tx, query)),
        ReportJsonContext.Readable.KeyJsonArray),
        ReportRoute.Logs =>
        ReportResponse.LogsAsync(context, query,
            Read(tx => LogsReport.Read(tx, query, clock, context.RequestAborted))),
        ReportRoute.Log => LogAsync(context, query),
        _ => throw new ArgumentOutOfRangeException(nameof(query), query.Route,
        "unknown report route"),
    };

    private async Task LogAsync(HttpContext context, ReportQuery query)
    {
        var lookup = query.LegacyId is { } legacy
            ? store.GetLogByLegacyIdAsync(legacy, context.RequestAborted)
            : store.GetLogAsync(query.Id, context.RequestAborted);
        // The detail decodes the stored bodies: on the pool, not on a socket thread that
        // finished the read (Hosting/InlineScheduling).
        var found = await lookup.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        if (found is { } log)
        {
            await ReportResponse.JsonAsync(context, LogDetailReport.Of(log),
                ReportJsonContext.Readable.LogDetailJson);
        }
        else
        {
            var id = query.LegacyId ?? query.Id.ToString(CultureInfo.InvariantCulture);
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.NotFound,
                $"No audit record with id {id}.");
        }
    }

    /// Runs `report` in a read transaction: every query of one report sees the same snapshot.
    private T Read<T>(Func<DbTransaction, T> report)
    {
        using var connection = store.OpenConnection();
        using var tx = store.BeginSnapshot(connection);
        return report(tx);
    }

    private static Dictionary<string, IReadOnlyList<string>> QueryOf(IQueryCollection query) =>
        query.ToDictionary(p => p.Key,
        p => (IReadOnlyList<string>)[.. p.Value.Select(v => v ?? "")], StringComparer.Ordinal);

    /// The `tz` zone, looked up only when the name is well formed (never a path); null otherwise.
    private static TimeZoneInfo? Zone(Dictionary<string, IReadOnlyList<string>> query) =>
        query.TryGetValue("tz", out var values) && values.Count == 1
        && ZoneNames.IsWellFormed(values[0])
        && TimeZoneInfo.TryFindSystemTimeZoneById(values[0], out var zone) ? zone : null;

    private static string UnknownRoute(string name) =>
        $"No such report: '{(name.Length <= 40 ? name : name[..40] + "…")}'. "
        + "Reports: summary, daily, models, providers, keys, series, logs, log.";

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "report {Route} not answered: the audit database cannot be reached ({Reason}); "
            + "further reports are not logged until one is answered again")]
    private static partial void LogAway(ILogger logger, ReportRoute route, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "report {Route} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, ReportRoute route);
}
