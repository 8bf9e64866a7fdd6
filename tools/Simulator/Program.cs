using Menshen.Simulator;

var command = CommandLine.Parse(args);
if (command.Help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}
if (command.Error is not null)
{
    await Console.Error.WriteLineAsync($"error: {command.Error}\n{CommandLine.Usage}");
    return 2;
}
SimulatorServer server;
try
{
    server = await SimulatorServer.StartAsync(command.Listen, command.Options);
}
catch (IOException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
await using var running = server;
var mode = command.Options.Fast ? " (fast)" : "";
Console.WriteLine($"menshen-simulator listening on {server.BaseUrl}{mode}");
await server.WaitForShutdownAsync();
return 0;
