namespace Menshen.ReportBench;

/// The report calls timed, as the dashboard and scripts make them; `{deep}` is a cursor 60
/// days back and `{id}` an id from the middle of the table.
internal static class Calls
{
    public static readonly string[] Paths =
    [
        "summary", "summary?days=90",
        "daily?tz=Europe/Berlin", "daily?days=90&tz=America/New_York",
        "series?days=1&bucket=hour&tz=America/New_York", "series?days=14&tz=Asia/Kolkata", "series?days=90&bucket=hour&tz=Europe/Berlin",
        "series?days=365&bucket=hour", "summary?days=3650",
        "models", "models?days=90", "providers", "providers?days=90", "keys", "keys?days=90",
        "logs", "logs?limit=1000", "logs?days=90&before={deep}", "logs?model=gpt-4o", "logs?status=5xx&days=90",
        "logs?key=ci-bot&stream=true", "logs?provider=openrouter&model=gemini-2.0-flash&cached=false&days=90",
        "logs?endpoint=embeddings&status=4xx&days=90", "logs?model=gpt-4o&key=nobody&days=90",
        "logs?status=4xx&stream=true&cached=true&days=90",
        "logs?q=capital", "logs?q=zebra-quartz&days=90", "logs?q=turn%2011&model=o3-mini&days=90",
        "logs?format=csv&limit=1000", "logs?format=json&limit=1000&status=2xx",
        "log?id={id}",
    ];
}
