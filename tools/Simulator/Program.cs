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
await using var server = await SimulatorServer.StartAsync(command.Listen, command.Options);
var mode = command.Options.Fast ? " (fast)" : "";
Console.WriteLine($"menshen-simulator listening on {server.BaseUrl}{mode}");
await server.WaitForShutdownAsync();
return 0;
