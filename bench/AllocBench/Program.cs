using Menshen.AllocBench;

// make bench-alloc: bytes the gateway allocates per proxied request (audit writer included), and
// the types that allocate most (sampled GC AllocationTick events). Runs the gateway in this process
// over the simulator (a separate process), so GC.GetTotalAllocatedBytes sees only the gateway and
// this client, whose share is measured against the simulator directly and subtracted.
var options = AllocOptions.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync(AllocOptions.Usage);
    return 2;
}
// The gateway's log lines go to stdout (formatted and written as in production): the report goes
// to stderr, so `> /dev/null` keeps only the report.
if (options.WriterRows > 0)
{
    await Console.Out.WriteLineAsync(await WriterCapacity.RunAsync(options.WriterRows, options.Postgres,
        options.WriterBatch));
    return 0;
}
var report = options.Tail > 0
    ? await TailRun.RunAsync(options)
    : await AllocRun.RunAsync(options);
await Console.Error.WriteLineAsync(report);
return 0;
