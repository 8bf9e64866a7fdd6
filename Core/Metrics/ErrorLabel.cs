using Menshen.Core.Exchanges;
using Menshen.Core.Reports;

namespace Menshen.Core.Metrics;

/// The `class` label of a request the reports count as an error (ReportRow.IsErrorOf), so that
/// the metrics and `/__report/summary` count the same requests: the note's class when there is
/// one (a stream cut mid-way is `upstream`, a client that left `client`, the gateway's own
/// failure `gateway`), else by the status: a 4xx `client`, a 5xx `upstream` (the upstream's
/// answer passed on, or the gateway's 502/504 about it). Null for a request that is no error.
public static class ErrorLabel
{
    public static string? Of(int status, ErrorClass note)
    {
        if (!ReportRow.IsErrorOf(status, note)) return null;
        return note switch
        {
            ErrorClass.Client => "client",
            ErrorClass.Upstream => "upstream",
            ErrorClass.Gateway => "gateway",
            _ => status < 500 ? "client" : "upstream",
        };
    }
}
