using Menshen.Shell.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Menshen.Shell.Tests.Install;

/// The GitHub workflows, parsed as YAML: well-formed jobs, the release's tag trigger and targets.
public sealed class WorkflowTests
{
    private static readonly string[] ReleaseTargets =
        ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64"];

    [Theory]
    [InlineData("ci.yml")]
    [InlineData("release.yml")]
    public void Parses_as_a_workflow_whose_jobs_each_have_a_runner_and_steps(string file)
    {
        var workflow = Load(file);

        Assert.True(workflow.Children.ContainsKey("on"), "no trigger");
        var jobs = Mapping(workflow, "jobs");
        Assert.NotEmpty(jobs.Children);
        foreach (var (name, node) in jobs.Children)
        {
            var job = (YamlMappingNode)node;
            Assert.True(job.Children.ContainsKey("runs-on"), $"{name} has no runs-on");
            var steps = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToArray();
            Assert.NotEmpty(steps);
            Assert.All(steps, step => Assert.True(
                step.Children.ContainsKey("uses") ^ step.Children.ContainsKey("run"), $"{step}"));
        }
    }

    [Fact]
    public void Release_runs_on_version_tags_only()
    {
        var on = Mapping(Load("release.yml"), "on");

        var push = Assert.Single(on.Children);
        Assert.Equal("push", push.Key.ToString());
        var trigger = (YamlMappingNode)push.Value;
        Assert.Equal(["tags"], trigger.Children.Keys.Select(k => k.ToString()));
        var tags = (YamlSequenceNode)trigger["tags"];
        Assert.Equal(["v*"], tags.Children.Select(t => t.ToString()));
    }

    [Fact]
    public void Release_builds_the_five_targets_each_on_its_runner_with_make_dist_and_make_pack()
    {
        var build = Job(Load("release.yml"), "build");
        var include = (YamlSequenceNode)Mapping(Mapping(build, "strategy"), "matrix")["include"];

        var targets = include.Children.Cast<YamlMappingNode>().ToArray();
        Assert.Equal(ReleaseTargets.Order(), targets.Select(t => t["rid"].ToString()).Order());
        Assert.All(targets, t => Assert.NotEmpty(t["runner"].ToString()));
        Assert.Equal("${{ matrix.runner }}", build["runs-on"].ToString());
        var runs = Runs(build).ToArray();
        Assert.Contains(runs, run => run.StartsWith("make dist ", StringComparison.Ordinal)
            && run.Contains("RID=\"$RID\"", StringComparison.Ordinal));
        Assert.Contains(runs, run => run.StartsWith("make pack ", StringComparison.Ordinal));
    }

    [Fact]
    public void Release_merges_the_checksums_and_publishes_one_release_after_every_build()
    {
        var release = Job(Load("release.yml"), "release");

        Assert.Equal("build", release["needs"].ToString());
        var runs = string.Join('\n', Runs(release));
        Assert.Contains("> release/SHA256SUMS", runs);
        Assert.Contains("sha256sum -c SHA256SUMS", runs);
        Assert.Contains("gh release create \"$GITHUB_REF_NAME\" release/*", runs);
    }

    [Fact]
    public void Ci_runs_the_ci_script()
    {
        var ci = Load("ci.yml");

        var jobs = Mapping(ci, "jobs").Children.Values.Cast<YamlMappingNode>();
        var runs = jobs.SelectMany(Runs);
        Assert.Contains(runs, run => run.Split('\n').Contains("./.ci/run"));
    }

    private static YamlMappingNode Load(string file)
    {
        using var reader = File.OpenText(RepoFiles.PathOf(".github/workflows/" + file));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) =>
        (YamlMappingNode)node[key];

    private static YamlMappingNode Job(YamlMappingNode workflow, string name) =>
        Mapping(Mapping(workflow, "jobs"), name);

    private static IEnumerable<string> Runs(YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>()
            .Where(step => step.Children.ContainsKey("run"))
            .Select(step => step["run"].ToString().Trim());
}
