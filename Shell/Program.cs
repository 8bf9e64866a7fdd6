using Menshen.Shell.Cli;
using Menshen.Shell.Hosting;

// Before the runtime sets up its signal handling, which skips a signal it finds ignored.
IgnoredSignals.TakeBackStopSignals();
return await CliApp.RunAsync(args, CliIo.FromProcess(), GatewayServer.ServeAsync,
    CancellationToken.None);
