using CsCheck;
using Menshen.Core.Metrics;

namespace Menshen.Core.Tests;

public class LabelBudgetTests
{
    private static readonly Gen<string[]> Models =
        Gen.String[Gen.Char.AlphaNumeric, 1, 3].Array[0, 400];

    // The model: the Shell keeps the set of labels it has used and adds each label it is given.
    private static List<string> Labels(string[] values, HashSet<string> seen)
    {
        var labels = new List<string>();
        foreach (var value in values)
        {
            var label = LabelBudget.Bound(seen, value);
            seen.Add(label);
            labels.Add(label);
        }
        return labels;
    }

    [Fact]
    public void At_most_the_limit_of_distinct_values_plus_other() =>
        Models.Sample(values =>
            Labels(values, []).Distinct().Count() <= LabelBudget.DefaultLimit + 1);

    [Fact]
    public void The_first_distinct_values_keep_their_own_label() =>
        Models.Sample(values =>
        {
            var labels = Labels(values, []);
            var first = values.Distinct().Take(LabelBudget.DefaultLimit - 1).ToHashSet();
            return values.Zip(labels).All(p => !first.Contains(p.Item1) || p.Item2 == p.Item1);
        });
}
