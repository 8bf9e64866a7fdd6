namespace Menshen.Core.Gate;

/// How many of the gate's refusals (a refused Host, Origin, cross-site browser request, path,
/// method, header or upgrade) become audit rows. Any web page in the user's browser can send
/// such requests, each with a path of its choosing: one tab wrote ~750 rows a second, 11 GB an
/// hour of database and log (helper-62). A token bucket: `Burst` at once, then `PerSecond`; a
/// refusal beyond it is answered alike but not recorded (the Shell counts it in /metrics).
/// A configured client that is refused (a Host to allow, a bad path) is still seen at once.
public sealed record RefusalBudget(double Tokens, DateTimeOffset At)
{
    public const int Burst = 30;
    public const double PerSecond = 1;

    public static RefusalBudget Full(DateTimeOffset now) => new(Burst, now);

    /// One refusal at `now`: whether it is recorded, and the budget after it. A clock that
    /// went back refills nothing.
    public (bool Recorded, RefusalBudget Next) Take(DateTimeOffset now)
    {
        var elapsed = Math.Max(0, (now - At).TotalSeconds);
        var tokens = Math.Min(Burst, Tokens + (elapsed * PerSecond));
        var at = now > At ? now : At;
        return tokens >= 1
            ? (true, new RefusalBudget(tokens - 1, at))
            : (false, new RefusalBudget(tokens, at));
    }
}
