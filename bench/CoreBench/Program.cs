using BenchmarkDotNet.Running;

// make bench-core: every benchmark class in this assembly; arguments pass through to
// BenchmarkDotNet (for example --filter '*BodyPatch*' or --job short).
BenchmarkSwitcher.FromAssembly(typeof(Menshen.CoreBench.Samples).Assembly).Run(args);
