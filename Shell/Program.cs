using Menshen.Shell.Cli;
using Menshen.Shell.Hosting;

return await CliApp.RunAsync(args, CliIo.FromProcess(), GatewayServer.ServeAsync,
    CancellationToken.None);
