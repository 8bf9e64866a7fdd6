using CsCheck;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class FailoverDecisionTests
{
    // What one attempt gave, as the Shell sees it after classifying it.
    private sealed record Attempt(AttemptOutcome Outcome, bool HasAnswer);

    // A plan of attempts, the attempt after which the client has left and the one after which
    // the gateway stops (past the plan: never).
    private sealed record Scenario(Attempt[] Attempts, int LeavesAt, int StopsAt);

    private enum Fate { Relayed, RelayedAsLastResort, Dropped }

    // What the loop did: each tried attempt's fate, in the order decided.
    private sealed record Run(List<(int Attempt, Fate Fate)> Fates, int Tried);

    private static readonly Gen<AttemptOutcome> Outcome =
        Gen.OneOf(AttemptOutcome.Final, AttemptOutcome.TryNext);

    private static readonly Gen<Attempt> AnyAttempt =
        Gen.Select(Outcome, Gen.Bool, (outcome, answer) => new Attempt(outcome, answer));

    private static readonly Gen<Scenario> Scenarios =
        from attempts in AnyAttempt.Array[1, 6]
        from leaves in Gen.Int[0, 7]
        from stops in Gen.Int[0, 7]
        select new Scenario(attempts, leaves, stops);

    [Fact]
    public void AfterAttempt_never_relays_once_stopping() =>
        Gen.Select(Outcome, Gen.Bool, Gen.Bool, Gen.Bool).Sample((outcome, answer, last, left) =>
            FailoverDecision.AfterAttempt(outcome, answer, last, left, stopping: true)
                == FailoverStep.DropAndEnd
            && FailoverDecision.AtEnd(answer, left, stopping: true) == FailoverEnd.Unanswered);

    [Fact]
    public void AfterAttempt_never_tries_another_after_the_client_left() =>
        Gen.Select(Outcome, Gen.Bool, Gen.Bool, Gen.Bool).Sample((outcome, answer, last, stop) =>
            FailoverDecision.AfterAttempt(outcome, answer, last, clientLeft: true, stop)
                is not (FailoverStep.KeepAndTryNext or FailoverStep.DropAndTryNext));

    [Fact]
    public void AfterAttempt_relays_exactly_a_final_answer_while_running() =>
        Gen.Select(Outcome, Gen.Bool, Gen.Bool, Gen.Bool).Sample((outcome, answer, last, left) =>
            (FailoverDecision.AfterAttempt(outcome, answer, last, left, stopping: false)
                == FailoverStep.Relay) == (outcome == AttemptOutcome.Final && answer));

    [Fact]
    public void AfterAttempt_keeps_only_an_answer() =>
        Gen.Select(Outcome, Gen.Bool, Gen.Bool, Gen.Bool).Sample((outcome, last, left, stop) =>
            !FailoverDecision.Keeps(
                FailoverDecision.AfterAttempt(outcome, hasAnswer: false, last, left, stop)));

    [Fact]
    public void Every_tried_attempt_is_relayed_or_dropped_exactly_once() =>
        Scenarios.Sample(scenario =>
        {
            var actual = Drive(scenario);

            return actual.Fates.Select(f => f.Attempt).Order()
                .SequenceEqual(Enumerable.Range(0, actual.Tried));
        });

    [Fact]
    public void A_relayed_answer_is_a_last_resort_exactly_when_it_was_not_final() =>
        Scenarios.Sample(scenario =>
            Drive(scenario).Fates.Where(f => f.Fate != Fate.Dropped).All(f =>
                (f.Fate == Fate.RelayedAsLastResort)
                == (scenario.Attempts[f.Attempt].Outcome != AttemptOutcome.Final)));

    [Fact]
    public void At_most_one_answer_is_relayed_and_never_once_stopping() =>
        Scenarios.Sample(scenario =>
        {
            var relayed = Drive(scenario).Fates.Where(f => f.Fate != Fate.Dropped).ToList();

            return relayed.Count <= 1
                && relayed.All(f => f.Fate == Fate.Relayed
                    ? f.Attempt < scenario.StopsAt
                    : LastTried(scenario) < scenario.StopsAt);
        });

    [Fact]
    public void No_provider_is_tried_after_the_client_left() =>
        Scenarios.Sample(scenario => Drive(scenario).Tried <= scenario.LeavesAt + 1);

    // The reference behaviour: with the client there and the gateway running, an answer was
    // relayed whenever any attempt had one, and a last resort is the newest answer.
    [Fact]
    public void The_newest_answer_goes_out_when_no_provider_answered_finally() =>
        Scenarios.Sample(scenario =>
        {
            var run = Drive(scenario);
            var end = run.Tried - 1;
            var answered = Enumerable.Range(0, run.Tried)
                .Where(i => scenario.Attempts[i].HasAnswer).ToList();
            var relayed = run.Fates.Where(f => f.Fate != Fate.Dropped).ToList();

            if (end >= scenario.LeavesAt || end >= scenario.StopsAt)
                return relayed.All(f => f.Fate == Fate.Relayed);
            return answered.Count == 0 ? relayed.Count == 0
                : relayed.Count == 1 && relayed[0].Attempt == answered[^1];
        });

    [Fact]
    public void AtEnd_relays_a_kept_answer_unless_the_client_left_or_the_gateway_stops() =>
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool).Sample((kept, left, stop) =>
            (FailoverDecision.AtEnd(kept, left, stop) == FailoverEnd.RelayKeptAsLastResort)
            == (kept && !left && !stop));

    private static int LastTried(Scenario scenario) => Drive(scenario).Tried - 1;

    // The loop both proxies run, over the Core decision alone: what the Shell keeps and drops.
    private static Run Drive(Scenario scenario)
    {
        var fates = new List<(int, Fate)>();
        int? kept = null;
        var attempts = scenario.Attempts;
        for (var i = 0; i < attempts.Length; i++)
        {
            var (left, stopping) = (i >= scenario.LeavesAt, i >= scenario.StopsAt);
            var step = FailoverDecision.AfterAttempt(attempts[i].Outcome,
                attempts[i].HasAnswer, i == attempts.Length - 1, left, stopping);
            if (step == FailoverStep.Relay)
            {
                fates.Add((i, Fate.Relayed));
                if (kept is { } earlier) fates.Add((earlier, Fate.Dropped));
                return new Run(fates, i + 1);
            }
            if (FailoverDecision.Keeps(step))
            {
                if (kept is { } earlier) fates.Add((earlier, Fate.Dropped));
                kept = i;
            }
            else
            {
                fates.Add((i, Fate.Dropped));
            }
            if (!FailoverDecision.Ends(step)) continue;
            if (kept is { } last)
            {
                fates.Add((last, FailoverDecision.AtEnd(true, left, stopping)
                    == FailoverEnd.RelayKeptAsLastResort ? Fate.RelayedAsLastResort
                    : Fate.Dropped));
            }
            return new Run(fates, i + 1);
        }
        throw new InvalidOperationException("the last planned attempt did not end the loop");
    }
}
