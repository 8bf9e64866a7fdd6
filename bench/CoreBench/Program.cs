using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// make bench-core: every benchmark class in this assembly; arguments pass through to
// BenchmarkDotNet (for example --filter '*BodyPatch*' or --job short). The build timeout is
// raised from 2 minutes: on this shared 2-core machine the generated project can take longer.
BenchmarkSwitcher.FromAssembly(typeof(Menshen.CoreBench.Samples).Assembly)
    .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
