using System.Text.Json;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Errors;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class ReportErrorsTests
{
    [Fact]
    public void BadParameters_joins_every_message_and_names_the_first_parameter()
    {
        var actual = ReportErrors.BadParameters(Seq.create(Error.New("days: expected an integer, got '0'"), Error.New("tz: expected a zone, got 'x'")));

        Assert.Equal(new GatewayError(GatewayErrorKind.BadParameter, "days: expected an integer, got '0'; tz: expected a zone, got 'x'", "days"), actual);
    }

    [Fact]
    public void BadParameters_json_has_param_between_type_and_code()
    {
        var error = ReportErrors.BadParameters(Seq.create(Error.New("limit: expected an integer from 1 to 1000, got '0'")));

        using var actual = JsonDocument.Parse(OpenAiErrorBody.Json(error));

        Assert.Equal(["message", "type", "param", "code"],
            actual.RootElement.GetProperty("error").EnumerateObject().Select(p => p.Name));
        Assert.Equal("limit", actual.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    // Mutation testing (helper-93): without errors or a parameter name there is no `param`.
    [Theory]
    [InlineData(new string[0], "", null)]
    [InlineData(new[] { "no name here" }, "no name here", null)]
    [InlineData(new[] { ": odd" }, ": odd", null)]
    public void BadParameters_names_a_param_only_when_the_first_message_has_one(
        string[] messages, string message, string? param) =>
        Assert.Equal(new GatewayError(GatewayErrorKind.BadParameter, message, param),
            ReportErrors.BadParameters(messages.Select(Error.New).ToSeq()));
}
