using Menshen.Shell.Cli;

namespace Menshen.Shell.Tests.Cli;

/// One real run of `CliApp.RunAsync` with string writers, in a temp working and home directory.
public sealed record CliRun(int ExitCode, string Out, string Err, ServeRequest? Served)
{
    public string AllOutput => Out + Err;

    public static async Task<CliRun> Of(TempDirs dirs, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        ServeRequest? served = null;
        var io = new CliIo(stdout, stderr, env ?? new Dictionary<string, string>(), dirs.Work, dirs.Home);

        var exit = await CliApp.RunAsync(args, io, (request, _) =>
        {
            served = request;
            return Task.FromResult(0);
        }, CancellationToken.None);

        return new CliRun(exit, stdout.ToString(), stderr.ToString(), served);
    }
}
