using CsCheck;
using Menshen.Core.Logging;

namespace Menshen.Core.Tests;

public class LogLineTests
{
    private const string Request =
        "1796329070605001 POST /v1/chat/completions provider=a status=200";
    private static readonly Gen<LogSeverity> Severity = Gen.Enum<LogSeverity>();
    private static readonly Gen<TimeSpan> TimeOfDay =
        Gen.Int[0, 86_399].Select(s => TimeSpan.FromSeconds(s));

    [Fact]
    public void Text_example_is_time_level_and_message()
    {
        var actual = LogLine.Text(
            new TimeSpan(20, 17, 50), LogSeverity.Information, Request, null, journal: false);

        Assert.Equal("20:17:50 INFO " + Request + "\n", actual);
    }

    [Fact]
    public void Journal_example_has_the_priority_and_no_time()
    {
        var actual = LogLine.Text(
            new TimeSpan(20, 17, 50), LogSeverity.Warning, "slow", null, journal: true);

        Assert.Equal("<4>WARN slow\n", actual);
    }

    [Fact]
    public void Text_ends_with_the_message_on_the_first_line() =>
        Gen.Select(TimeOfDay, Severity, Gen.String.AlphaNumeric, Gen.Bool)
            .Sample((time, severity, message, journal) => LogLine
                .Text(time, severity, message, null, journal)
                .EndsWith(" " + message + "\n", StringComparison.Ordinal));

    [Fact]
    public void A_line_without_an_exception_is_its_prefix_the_message_and_LF() =>
        Gen.Select(TimeOfDay, Severity, Gen.String, Gen.Bool)
            .Sample((time, severity, message, journal) =>
            {
                var prefix = new char[LogLine.MaxPrefixLength];
                var length = LogLine.Prefix(prefix, time, severity, journal);
                return LogLine.Text(time, severity, message, null, journal)
                    == new string(prefix, 0, length) + message + "\n";
            });

    [Fact]
    public void Journal_every_line_of_an_exception_keeps_the_priority() =>
        Gen.Select(Severity, Gen.String.AlphaNumeric.Array[1, 5]).Sample((severity, lines) =>
        {
            var text = LogLine.Text(
                TimeSpan.Zero, severity, "failed", string.Join('\n', lines), journal: true);
            var priority = $"<{LogLine.Priority(severity)}>";
            return text.TrimEnd('\n').Split('\n')
                .All(l => l.StartsWith(priority, StringComparison.Ordinal));
        });

    [Fact]
    public void Priority_is_more_urgent_for_more_severe_levels() =>
        Gen.Select(Severity, Severity).Sample((a, b) =>
            a < b || LogLine.Priority(a) <= LogLine.Priority(b));
}
