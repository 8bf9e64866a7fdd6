using System.Runtime.InteropServices;
using LanguageExt.Common;
using Menshen.Core.Config;
using Menshen.Shell.Cli;
using Menshen.Shell.Config;

using Menshen.Shell.Runtime;

namespace Menshen.Shell.Hosting;

/// SIGHUP: read and validate the config file again; a valid one replaces the running config
/// (in-flight
/// requests keep theirs), an invalid one is reported error by error and the old one keeps serving.
public static partial class ConfigReload
{
    public static IDisposable? OnSighup(GatewayRuntime runtime, string path, ILogger log)
    {
        if (OperatingSystem.IsWindows()) return null;
        // Started with SIGHUP ignored (`nohup`, a shell's `trap '' HUP`): taken back.
        IgnoredSignals.TakeBack(IgnoredSignals.Sighup);
        return PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true; // SIGHUP must not terminate the process
            Reload(runtime, path, log);
        });
    }

    public static bool Reload(GatewayRuntime runtime, string path, ILogger log)
    {
        var loaded = ConfigLoader.Load(path, CliIo.FromProcess().Environment);
        return loaded.Match(
            Succ: config => Apply(runtime, config, path, log),
            Fail: errors => Reject(errors, path, log));
    }

    private static bool Apply(GatewayRuntime runtime, GatewayConfig config, string path,
        ILogger log)
    {
        var before = runtime.Current.Config;
        runtime.Replace(RestartKeys.Applied(before, config));
        LogReloaded(log, path, config.Providers.Length);
        foreach (var key in RestartKeys.Changed(before, config)) LogNeedsRestart(log, key);
        StartupReport.LogProvidersAndWarnings(log, config, runtime.Current.Transports);
        return true;
    }

    private static bool Reject(LanguageExt.Seq<Error> errors, string path, ILogger log)
    {
        foreach (var error in errors) LogInvalid(log, error.Message);
        LogKept(log, path, errors.Count);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "config reloaded from {Path}: {Providers} providers")]
    private static partial void LogReloaded(ILogger logger, string path, int providers);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "config change of {Key} needs a restart to apply")]
    private static partial void LogNeedsRestart(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "config reload: {Error}")]
    private static partial void LogInvalid(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "config reload of {Path} rejected (errors: {Count}); the running config stays")]
    private static partial void LogKept(ILogger logger, string path, int count);
}
