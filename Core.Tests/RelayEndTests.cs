using CsCheck;
using Menshen.Core.Dialects;
using Menshen.Core.Exchanges;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// helper-66, helper-68: a client that read the whole answer and closed at once was recorded
/// client_closed when its close beat the relay's next upstream read or final flush.
public class RelayEndTests
{
    private static readonly Gen<UsageReading> Usages = Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool,
        (completed, ended, error) => new UsageReading(null, UsageSource.None, completed,
            StreamError: error ? "upstream error event mid-stream" : null, AnswerEnded: ended));

    [Fact]
    public void A_client_that_left_after_getting_every_promised_byte_got_the_answer() =>
        Gen.Select(Gen.Long[0, 10_000], Gen.Long[0, 10_000], Gen.Bool, Usages)
            .Sample((promised, sent, judged, usage) =>
                RelayEnds.AfterClientLeft(RelayEnd.ClientClosed, deliveredAll: true, promised,
                    sent, judged, usage)
                == (sent >= promised ? RelayEnd.Completed : RelayEnd.ClientClosed));

    [Fact]
    public void Without_a_length_only_a_judged_answer_that_ended_cleanly_is_whole() =>
        Gen.Select(Gen.Bool, Usages).Sample((judged, usage) =>
            RelayEnds.AfterClientLeft(RelayEnd.ClientClosed, true, null, 0, judged, usage)
            == (judged && usage.AnswerEnded && usage.StreamCompleted && usage.StreamError is null
                ? RelayEnd.Completed : RelayEnd.ClientClosed));

    [Fact]
    public void A_client_gone_before_a_chunk_was_delivered_or_another_end_is_kept() =>
        Gen.Select(Gen.Enum<RelayEnd>(), Gen.Bool, Gen.Long[0, 100], Usages)
            .Sample((end, deliveredAll, sent, usage) =>
                end == RelayEnd.ClientClosed && deliveredAll
                || RelayEnds.AfterClientLeft(end, deliveredAll, 0, sent, true, usage) == end);
}
