using CsCheck;
using Menshen.Core.Logging;

namespace Menshen.Core.Tests;

public class LogLineTests
{
    private const string Request =
        "1796329070605001 POST /v1/chat/completions provider=a status=200";
    private static readonly Gen<LogSeverity> Severity = Gen.Enum<LogSeverity>();
    // Any instant of this century, at any whole-quarter-hour offset a zone can have.
    private static readonly Gen<DateTimeOffset> Time =
        Gen.Select(Gen.Long[946_684_800_000L, 4_102_444_799_999L], Gen.Int[-48, 56],
            (ms, quarters) => DateTimeOffset.FromUnixTimeMilliseconds(ms)
                .ToOffset(TimeSpan.FromMinutes(15 * quarters)));

    [Fact]
    public void Text_example_is_local_date_time_offset_level_and_message()
    {
        var time = new DateTimeOffset(2026, 12, 7, 20, 17, 50, 288, TimeSpan.FromHours(8));

        var actual = LogLine.Text(time, LogSeverity.Information, Request, null, journal: false);

        Assert.Equal("2026-12-07T20:17:50.288+08:00 INFO " + Request + "\n", actual);
    }

    [Fact]
    public void Text_time_reads_back_as_the_same_instant() =>
        Gen.Select(Time, Severity).Sample((time, severity) =>
        {
            var line = LogLine.Text(time, severity, "m", null, journal: false);
            var stamp = DateTimeOffset.Parse(line[..line.IndexOf(' ', StringComparison.Ordinal)],
                System.Globalization.CultureInfo.InvariantCulture);
            return stamp == time && stamp.Offset == time.Offset;
        });

    [Fact]
    public void Journal_example_has_the_priority_and_no_time()
    {
        var actual = LogLine.Text(new DateTimeOffset(2026, 12, 7, 20, 17, 50, TimeSpan.Zero),
            LogSeverity.Warning, "slow", null, journal: true);

        Assert.Equal("<4>WARN slow\n", actual);
    }

    [Fact]
    public void Text_ends_with_the_message_on_the_first_line() =>
        Gen.Select(Time, Severity, Gen.String.AlphaNumeric, Gen.Bool)
            .Sample((time, severity, message, journal) => LogLine
                .Text(time, severity, message, null, journal)
                .EndsWith(" " + message + "\n", StringComparison.Ordinal));

    [Fact]
    public void A_line_without_an_exception_is_its_prefix_the_message_and_LF() =>
        Gen.Select(Time, Severity, Gen.String, Gen.Bool)
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
                DateTimeOffset.UnixEpoch, severity, "failed", string.Join('\n', lines),
                journal: true);
            var priority = $"<{LogLine.Priority(severity)}>";
            return text.TrimEnd('\n').Split('\n')
                .All(l => l.StartsWith(priority, StringComparison.Ordinal));
        });

    [Fact]
    public void Priority_is_more_urgent_for_more_severe_levels() =>
        Gen.Select(Severity, Severity).Sample((a, b) =>
            a < b || LogLine.Priority(a) <= LogLine.Priority(b));
}
