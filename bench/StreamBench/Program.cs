using Menshen.StreamBench;

// make bench-stream's load: N concurrent SSE chat streams against one URL for a while, each
// stream's time to first body byte and to the end measured; the target's RSS sampled meanwhile.
var options = StreamOptions.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync(StreamOptions.Usage);
    return 2;
}
using var sampler = options.Pid is { } pid ? new RssSampler(pid) : null;
var result = await StreamLoad.RunAsync(options);
sampler?.Stop();
await using var stdout = Console.OpenStandardOutput();
ResultJson.Write(stdout, options, result, sampler);
return 0;
