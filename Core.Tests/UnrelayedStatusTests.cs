using CsCheck;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class UnrelayedStatusTests
{
    private static readonly Gen<string> Method = Gen.OneOf(["GET", "HEAD", "POST", "get", "PUT"]);

    [Fact]
    public void An_interim_status_is_never_relayed_whatever_the_request() =>
        Gen.Select(Gen.Int[100, 199], Gen.Bool, Method).Sample((status, understood, method) =>
            UnrelayedStatus.Refusal(status, understood, method) is { } error
            && error.Contains($"answered {status}", StringComparison.Ordinal));

    [Fact]
    public void A_redirect_is_relayed_only_for_a_read_of_a_passed_through_path() =>
        Gen.Select(Gen.OneOf([301, 302, 303, 307, 308]), Gen.Bool, Method)
            .Sample((status, understood, method) =>
            {
                var read = method.ToUpperInvariant() is "GET" or "HEAD";
                return (UnrelayedStatus.Refusal(status, understood, method) is null)
                    == (!understood && read);
            });

    [Fact]
    public void An_answer_from_200_on_that_is_no_redirect_or_407_is_relayed() =>
        Gen.Select(Gen.OneOf(Gen.Const(200), Gen.Int[200, 599]), Gen.Bool, Method)
            .Where((status, _, _) => status is not (301 or 302 or 303 or 307 or 308 or 407))
            .Sample((status, understood, method) =>
                UnrelayedStatus.Refusal(status, understood, method) is null);

    [Fact]
    public void A_proxy_s_demand_for_credentials_is_never_relayed() =>
        Gen.Select(Gen.Bool, Method).Sample((understood, method) =>
            UnrelayedStatus.Refusal(407, understood, method) is { } error
            && error.Contains("proxy", StringComparison.Ordinal));

    [Fact]
    public void Every_other_status_is_relayed() =>
        Gen.Select(Gen.Int[200, 599], Gen.Bool, Method)
            .Where((status, _, _) => status is not (301 or 302 or 303 or 307 or 308 or 407))
            .Sample((status, understood, method) =>
                UnrelayedStatus.Refusal(status, understood, method) is null);
}
