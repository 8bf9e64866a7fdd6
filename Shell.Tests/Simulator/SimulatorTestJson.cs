using System.Text.Json.Serialization;

namespace Menshen.Shell.Tests.Simulator;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SimulatorTestJson : JsonSerializerContext;
